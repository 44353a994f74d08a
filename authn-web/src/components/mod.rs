//! Building blocks shared by the views: fields, the one-time code form with resend, alerts, buttons,
//! the view header, requirement lists, and the brand (logo, step-up app, factor icons).

mod alert;
mod brand;
mod buttons;
mod code;
mod fields;
mod header;
mod requirements;

pub use alert::{alert, notice};
pub use brand::{beacon, factor_icon, logo, target_line};
pub use buttons::{action_button, back_button, cancel_link, link_button, submit_button};
pub use code::{CodeForm, ResendButton};
pub use fields::{PasswordField, TextField, check_box, input_value, setter};
pub use header::header;
pub use requirements::requirements;
