//! Sans-IO state machine of the Okta Authentication API transaction.
