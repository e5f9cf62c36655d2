//! Running the system's printing tools (`lp`, `lpstat`, PowerShell) with a
//! deadline: a hung scheduler must not hang the counter.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::DispatchError;

/// What a finished tool said.
#[derive(Debug)]
pub(crate) struct Said {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` with `input` on its standard input and waits at most
/// `timeout`. Messages are asked for in the C locale, so they can be read
/// whatever language the counter's system speaks. `printer` names what the
/// errors are about; `missing` says what to install when the program is
/// not there.
pub(crate) fn run(
    command: Command,
    input: Option<&[u8]>,
    timeout: Duration,
    printer: &str,
    missing: &str,
) -> Result<Said, DispatchError> {
    run_within(command, input, timeout).map_err(|error| match error {
        Failure::Missing => DispatchError::PrintingMissing(missing.to_owned()),
        Failure::TimedOut => DispatchError::TimedOut {
            printer: printer.to_owned(),
            after: timeout,
        },
        Failure::Other(detail) => DispatchError::Failed {
            printer: printer.to_owned(),
            detail,
        },
    })
}

enum Failure {
    /// The program is not installed.
    Missing,
    /// It did not finish in time and was killed.
    TimedOut,
    Other(String),
}

fn run_within(
    mut command: Command,
    input: Option<&[u8]>,
    timeout: Duration,
) -> Result<Said, Failure> {
    command
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => Failure::Missing,
        _ => Failure::Other(error.to_string()),
    })?;
    // Each pipe gets its own thread: a child that blocks writing one while
    // we block feeding the other would never finish.
    let feeder = match (input, child.stdin.take()) {
        (Some(bytes), Some(mut stdin)) => {
            let bytes = bytes.to_vec();
            // A child that exits early closes the pipe: its status says why.
            Some(thread::spawn(move || {
                let _ = stdin.write_all(&bytes);
            }))
        }
        _ => None,
    };
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait(&mut child, timeout)?;
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    Ok(Said {
        success: status.success(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}

fn wait(child: &mut Child, timeout: Duration) -> Result<std::process::ExitStatus, Failure> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::TimedOut);
            }
            Ok(None) => thread::sleep(Duration::from_millis(10)),
            Err(error) => return Err(Failure::Other(error.to_string())),
        }
    }
}
