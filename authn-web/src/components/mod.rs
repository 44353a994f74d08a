//! Small building blocks shared by the views (fields, alerts, buttons, requirement lists).

mod alert;
mod buttons;
mod fields;
mod requirements;

pub use alert::{Alert, Notice};
pub use buttons::{CancelLink, LinkButton, SubmitButton};
pub use fields::{CheckBox, PasswordField, TextField, input_value};
pub use requirements::Requirements;
