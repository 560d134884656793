//! Strings of the command line.

use super::{Lang, Tr, strings};

strings! {
    cli_placeholder => "", "";
}
