//! A command's arguments, taken out of the JSON object the screen sent by
//! their names, each converted to the type the command's function takes.
//! Which types those are comes from the function itself, so the list in
//! `list.rs` names each command's arguments once and never their types;
//! naming more or fewer than the function takes does not compile.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::Counter;
use crate::error::IpcError;

/// A command's function, `fn(&Counter, A, B, …) -> Result<R, IpcError>`,
/// called with `N` named arguments.
pub(crate) trait Handler<Args, const N: usize> {
    fn run(
        self,
        counter: &Counter,
        command: &str,
        names: [&'static str; N],
        args: Map<String, Value>,
    ) -> Result<Value, IpcError>;
}

macro_rules! handler {
    ($n:literal; $($arg:ident),*) => {
        impl<F, R, $($arg),*> Handler<($($arg,)*), $n> for F
        where
            F: FnOnce(&Counter, $($arg),*) -> Result<R, IpcError>,
            R: Serialize,
            $($arg: DeserializeOwned,)*
        {
            #[allow(non_snake_case, unused_mut, unused_variables)]
            fn run(
                self,
                counter: &Counter,
                command: &str,
                names: [&'static str; $n],
                mut args: Map<String, Value>,
            ) -> Result<Value, IpcError> {
                let mut names = names.into_iter();
                $(let $arg: $arg = take(command, names.next().unwrap_or_default(), &mut args)?;)*
                refuse_unknown(command, &args)?;
                answer(self(counter, $($arg),*)?)
            }
        }
    };
}

handler!(0;);
handler!(1; A);
handler!(2; A, B);
handler!(3; A, B, C);
handler!(4; A, B, C, D);

/// The argument `name` (sent in camelCase, as Tauri's own commands take
/// them: `customer_id` arrives as `customerId`); an absent one reads as
/// `null`, which an optional argument takes as "not given".
fn take<T: DeserializeOwned>(
    command: &str,
    name: &str,
    args: &mut Map<String, Value>,
) -> Result<T, IpcError> {
    let value = args.remove(&camel_case(name)).unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|error| {
        IpcError::new(
            "invalid_argument",
            format!("{command}: the argument `{name}` is not what the command takes: {error}"),
        )
        .on_field(name)
    })
}

/// A key the command does not take is a screen calling it wrongly (a
/// misspelt argument would otherwise read as "not given").
fn refuse_unknown(command: &str, args: &Map<String, Value>) -> Result<(), IpcError> {
    match args.keys().next() {
        None => Ok(()),
        Some(key) => Err(IpcError::new(
            "invalid_argument",
            format!("{command}: takes no argument `{key}`"),
        )
        .on_field(key.clone())),
    }
}

fn answer<R: Serialize>(value: R) -> Result<Value, IpcError> {
    serde_json::to_value(value).map_err(|error| {
        IpcError::new(
            "internal",
            format!("the answer cannot be written as JSON: {error}"),
        )
    })
}

pub(crate) fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn argument_names_are_sent_in_camel_case() {
        assert_eq!(camel_case("sale"), "sale");
        assert_eq!(camel_case("customer_id"), "customerId");
        assert_eq!(camel_case("from_staff_id"), "fromStaffId");
    }
}
