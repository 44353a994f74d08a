//! Small building blocks shared by the views (fields, alerts, buttons, requirement lists).

mod alert;
mod buttons;
mod fields;
mod requirements;

pub use alert::{alert, notice};
pub use buttons::{cancel_link, link_button, submit_button};
pub use fields::{PasswordField, TextField, check_box, input_value};
pub use requirements::requirements;
