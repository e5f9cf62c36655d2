//! Getting ESC/POS bytes to a thermal printer: raw TCP (the JetDirect port,
//! 9100) or a device file, each within a deadline.

use std::fs::OpenOptions;
use std::io::{self, ErrorKind, Write};
use std::net::{Shutdown, SocketAddr, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::DispatchError;

/// The raw printing port network thermal printers listen on.
pub const DEFAULT_PORT: u16 = 9100;

/// `host`, `host:port`, `a.b.c.d[:port]` or `[v6][:port]`, checked before
/// anything is sent. The port defaults to 9100.
pub fn parse_address(address: &str) -> Result<(String, u16), DispatchError> {
    let invalid = |why: &str| DispatchError::InvalidTarget(format!("{address:?}: {why}"));
    let address = address.trim();
    if address.is_empty() {
        return Err(invalid("an address is needed, e.g. 192.168.1.50:9100"));
    }
    if let Ok(socket) = address.parse::<SocketAddr>() {
        if socket.port() == 0 {
            return Err(invalid("the port must be a number from 1 to 65535"));
        }
        return Ok((socket.ip().to_string(), socket.port()));
    }
    if let Ok(ip) = address.parse::<std::net::IpAddr>() {
        return Ok((ip.to_string(), DEFAULT_PORT));
    }
    let (host, port) = match address.rsplit_once(':') {
        Some((host, port)) => {
            let port = port
                .parse::<u16>()
                .ok()
                .filter(|port| *port != 0)
                .ok_or_else(|| invalid("the port must be a number from 1 to 65535"))?;
            (host, port)
        }
        None => (address, DEFAULT_PORT),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':'));
    if !valid {
        return Err(invalid("not a host name or IP address"));
    }
    Ok((host.to_owned(), port))
}

/// Sends `bytes` to `address` and returns how many went out. `timeout`
/// bounds the whole job, the connection included.
pub fn send_network(
    address: &str,
    bytes: &[u8],
    timeout: Duration,
) -> Result<usize, DispatchError> {
    let (host, port) = parse_address(address)?;
    let printer = format!("{host}:{port}");
    let deadline = Instant::now() + timeout;
    let candidates: Vec<SocketAddr> = (host.as_str(), port)
        .to_socket_addrs()
        .map_err(|error| DispatchError::Unreachable {
            printer: printer.clone(),
            detail: format!("the name does not resolve ({error})"),
        })?
        .collect();
    let mut last = None;
    let mut stream = None;
    for candidate in candidates {
        match TcpStream::connect_timeout(&candidate, remaining(deadline)) {
            Ok(connected) => {
                stream = Some(connected);
                break;
            }
            Err(error) => last = Some(error),
        }
    }
    let Some(mut stream) = stream else {
        let error = last.unwrap_or_else(|| io::Error::new(ErrorKind::NotFound, "no address"));
        return Err(network_error(&printer, &error, timeout));
    };
    let sent = (|| -> io::Result<()> {
        stream.set_nodelay(true)?;
        // Chunks, so the deadline is checked between writes and a printer
        // that takes a few bytes a second cannot stretch the job forever.
        for chunk in bytes.chunks(16 * 1024) {
            stream.set_write_timeout(Some(remaining(deadline)))?;
            stream.write_all(chunk)?;
        }
        stream.flush()?;
        stream.shutdown(Shutdown::Write)
    })();
    sent.map_err(|error| network_error(&printer, &error, timeout))?;
    Ok(bytes.len())
}

/// Writes `bytes` to a device file (`/dev/usb/lp0`; on Windows a shared
/// printer's `\\localhost\NAME`). The file is never created: a missing
/// device is an unknown printer, not a new file in /dev.
pub fn send_device(path: &Path, bytes: &[u8], timeout: Duration) -> Result<usize, DispatchError> {
    if path.as_os_str().is_empty() {
        return Err(DispatchError::InvalidTarget(
            "a device file is needed, e.g. /dev/usb/lp0".to_owned(),
        ));
    }
    let printer = path.display().to_string();
    let owned: PathBuf = path.to_owned();
    let data = bytes.to_vec();
    let (done, outcome) = mpsc::channel();
    // A printer out of paper can block a device write forever and std has
    // no timed write on files: the write runs on its own thread, which is
    // left behind (blocked in the kernel) if it misses the deadline.
    thread::spawn(move || {
        let written = (|| -> io::Result<()> {
            // Neither created nor truncated: a device or a Windows printer
            // share takes a plain open for writing.
            let mut device = OpenOptions::new().write(true).open(&owned)?;
            device.write_all(&data)?;
            device.flush()
        })();
        let _ = done.send(written);
    });
    match outcome.recv_timeout(timeout) {
        Ok(Ok(())) => Ok(bytes.len()),
        Ok(Err(error)) => Err(match error.kind() {
            ErrorKind::NotFound => DispatchError::UnknownPrinter(printer),
            ErrorKind::PermissionDenied => DispatchError::Refused {
                printer,
                detail: "this user may not write to it (on Linux: add the user to the lp group)"
                    .to_owned(),
            },
            _ => DispatchError::Failed {
                printer,
                detail: error.to_string(),
            },
        }),
        Err(_) => Err(DispatchError::TimedOut {
            printer,
            after: timeout,
        }),
    }
}

fn remaining(deadline: Instant) -> Duration {
    // A zero timeout means "none" to std: never hand it one.
    deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_millis(1))
}

fn network_error(printer: &str, error: &io::Error, timeout: Duration) -> DispatchError {
    match error.kind() {
        ErrorKind::TimedOut | ErrorKind::WouldBlock => DispatchError::TimedOut {
            printer: printer.to_owned(),
            after: timeout,
        },
        ErrorKind::ConnectionRefused => DispatchError::Unreachable {
            printer: printer.to_owned(),
            detail: "connection refused: is the printer on, and is this its address and port?"
                .to_owned(),
        },
        ErrorKind::ConnectionReset | ErrorKind::BrokenPipe | ErrorKind::ConnectionAborted => {
            DispatchError::Refused {
                printer: printer.to_owned(),
                detail: format!("it closed the connection mid-job ({error})"),
            }
        }
        ErrorKind::HostUnreachable
        | ErrorKind::NetworkUnreachable
        | ErrorKind::AddrNotAvailable => DispatchError::Unreachable {
            printer: printer.to_owned(),
            detail: error.to_string(),
        },
        _ => DispatchError::Failed {
            printer: printer.to_owned(),
            detail: error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_take_the_raw_port_by_default() {
        let parse = |text: &str| parse_address(text).expect(text);
        assert_eq!(parse("192.168.1.50"), ("192.168.1.50".to_owned(), 9100));
        assert_eq!(
            parse("192.168.1.50:9101"),
            ("192.168.1.50".to_owned(), 9101)
        );
        assert_eq!(parse("printer.local"), ("printer.local".to_owned(), 9100));
        assert_eq!(
            parse("printer.local:9100"),
            ("printer.local".to_owned(), 9100)
        );
        assert_eq!(parse("[::1]:9100"), ("::1".to_owned(), 9100));
        assert_eq!(parse("::1"), ("::1".to_owned(), 9100));
    }

    #[test]
    fn bad_addresses_are_refused_before_sending() {
        for bad in [
            "",
            "  ",
            "printer:0",
            "192.168.1.50:0",
            "[::1]:0",
            "printer:99999",
            "printer:abc",
            "máy in",
            "a/b:9100",
        ] {
            let error = parse_address(bad).expect_err(bad);
            assert_eq!(error.code(), "printer_invalid", "{bad}");
        }
    }
}
