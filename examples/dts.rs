//! Prints the TypeScript declarations of the npm package.
//!
//! ```sh
//! cargo run --quiet --example dts > pkg/index.d.ts
//! ```

fn main() {
    print!("{}", workspace_requests::typescript::declarations());
}
