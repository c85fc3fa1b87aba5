//! Saving text the page made (the fleet history as CSV or JSON, the OpenAPI description) as a file:
//! one helper for every "Download" button, owned by neither page.

use wasm_bindgen::JsCast;

/// Offers `text` as a file download (a Blob URL, no inline script, CSP-friendly).
pub(crate) fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| "Blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "object URL")?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "anchor")?
        .dyn_into()
        .map_err(|_| "anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
