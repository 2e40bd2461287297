//! Requests and answers over the core: building a request (URL, headers, body text), redacting it
//! for display (curl previews, logs), and reading an API's answer into a success or a documented
//! error. No I/O: the wasm binding sends with gloo-net.

pub mod options;
pub mod request;
pub mod response;
