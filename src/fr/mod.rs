//! French language knowledge shared by every rule: numbers, months, folding.
//! Rules never parse French numbers or month names on their own; they call in here.
pub mod fold;
pub mod month;
pub mod number;
