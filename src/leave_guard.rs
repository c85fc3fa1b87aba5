//! Asks before the page is closed or reloaded while an upgrade is on its way: its answer (accepted, or
//! refused and why) would be lost, and a DBA who reloads to see it may send the upgrade a second time.
//!
//! Used by the signer's chunk (`crate::lazy::call_chunk`) for the length of one upgrade call, so the main
//! module carries none of it. The browser shows its own "Leave site?" dialog; the page cannot word it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// While alive, leaving the page asks first; dropping it (the answer came) lets the page go freely.
pub(crate) struct LeaveGuard {
    listener: Closure<dyn FnMut(web_sys::Event)>,
}

impl LeaveGuard {
    /// Starts asking. Without a window (never, in a browser) it guards nothing.
    pub(crate) fn new() -> Self {
        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
            ev.prevent_default();
            // Browsers before the standard `preventDefault` behaviour ask only when this is set.
            let _ = js_sys::Reflect::set(&ev, &JsValue::from_str("returnValue"), &JsValue::TRUE);
        });
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback(
                "beforeunload",
                listener.as_ref().unchecked_ref(),
            );
        }
        Self { listener }
    }
}

impl Drop for LeaveGuard {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(
                "beforeunload",
                self.listener.as_ref().unchecked_ref(),
            );
        }
    }
}
