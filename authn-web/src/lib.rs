//! Yew sign-in widget.
