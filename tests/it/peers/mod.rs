//! Scores against other LCA software and the hand-checkable cases of ../shared/peers.

mod brightway;
mod cases;
