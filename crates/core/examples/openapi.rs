//! Prints the OpenAPI 3.0 description of the catalog's operations (the same document the app's
//! "Download OpenAPI" button builds in the browser). `make bench` serves it to Swagger UI:
//! `cargo run -q -p console-core --example openapi > openapi.json`.

fn main() {
    let doc = console_core::openapi::openapi_json();
    // Pretty text, as the app downloads it; serialising a `Value` cannot fail.
    println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
}
