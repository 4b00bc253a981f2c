//! Parts of the page whose code is fetched the first time they are shown.
//!
//! The first load holds what the start page and the users table need. The
//! dialogs (CSV import, generated passwords, verifying a password, adding a
//! user, setting a password), the other tabs (groups, changes, comparison)
//! and the raw view of a text that did not parse are each a *split point*:
//! the page's build (`scripts/build-page`, with the `split` feature) cuts
//! their code out of the page's wasm into a chunk of its own, which the
//! page fetches, once, when the part is first shown. The service worker
//! keeps the chunks for offline use like every other file.
//!
//! Actions that only some files need are split points too: hashing the
//! file's plaintext passwords (the hashing driver and the worker pool) and
//! scoring them for weak-password warnings (the strength worker's client).
//!
//! A split point is a function marked with [`split_point!`], which also
//! names the function that fetches its code. One that returns an
//! [`AnyView`] is shown through [`Deferred`], which shows nothing until the
//! code is there (a few milliseconds from the service worker's cache), then
//! builds the part, unless it was closed meanwhile; an action is called in a
//! task ([`act!`]). Without the `split` feature (the component tests, a plain
//! `cargo build`) the same functions are plain calls and the part shows at
//! once.

use leptos::prelude::*;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// A part's code could not be fetched: the network is gone and the service
/// worker does not hold it yet, or the editor was updated since this page
/// was opened (each build names its chunks afresh, so an old page never
/// runs a new build's code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotFetched;

impl std::fmt::Display for NotFetched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "this part of the editor could not be fetched: you may be offline, or the editor \
             was updated since this page was opened. Download your work, then reload the page",
        )
    }
}

impl From<leptos::wasm_split::SplitLoaderError> for NotFetched {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotFetched
    }
}

/// Defines a split point:
/// `split_point!(chunk, fetch = fetch_fn, fn name(args) -> AnyView { body })`
/// for a part of the page, `split_point!(chunk, fn name(args) { body })` for
/// an action.
///
/// With the `split` feature the function is `async` and its code (with all
/// it alone calls) goes to the chunk `chunk`, and `async fn fetch_fn()`
/// fetches that chunk without calling anything; without the feature, `name`
/// is the plain function and `fetch_fn` has nothing to do. Either way the
/// result is a `Result<_, NotFetched>`. Call `name` through [`fetched!`] or
/// [`act!`]. Its arguments and result cross between modules as plain
/// values: no generics, no `impl` types.
macro_rules! split_point {
    ($chunk:ident, fetch = $fetch:ident, $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$meta])*
        #[cfg_attr(
            feature = "split",
            ::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, preload($fetch), fallible)
        )]
        $vis fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::deferred::NotFetched> {
            ::core::result::Result::Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $vis async fn $fetch() -> ::core::result::Result<(), $crate::deferred::NotFetched> {
            ::core::result::Result::Ok(())
        }
    };
    // An action: called through `act!`, which fetches its code first.
    ($chunk:ident, $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $(#[$meta])*
        #[cfg_attr(
            feature = "split",
            ::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        $vis fn $name($($arg: $ty),*) -> ::core::result::Result<(), $crate::deferred::NotFetched> {
            let () = $body;
            ::core::result::Result::Ok(())
        }
    };
}
pub(crate) use split_point;

/// The result of a split point's call, inside an `async` block: awaited
/// when the page is split, taken as it is when not.
macro_rules! fetched {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let result = $call.await;
        #[cfg(not(feature = "split"))]
        let result = $call;
        result
    }};
}
pub(crate) use fetched;

/// Calls an action split point: in a task, once its code is there, when the
/// page is split; at once when not. `on_error` gets the [`NotFetched`].
macro_rules! act {
    ($call:expr, $on_error:expr) => {{
        #[cfg(feature = "split")]
        ::leptos::task::spawn_local(async move {
            if let Err(e) = $call.await {
                ($on_error)(e);
            }
        });
        #[cfg(not(feature = "split"))]
        if let Err(e) = $call {
            ($on_error)(e);
        }
    }};
}
pub(crate) use act;

/// Shows a split point's view: `fetch` brings its code, then `show` builds
/// it, for example
/// `<Deferred fetch=fetch_verify_dialog show=move || async move { fetched!(verify_dialog(close)) } />`.
///
/// `show` runs only if this is still on the page when the code has come (a
/// tab left at once, say, builds nothing), under this component's owner, so
/// the part reads the page's context and goes away with it. Once the code is
/// there, `show`'s future is ready at once; it is polled a single time. If
/// the code cannot be fetched, this says so in place, as an alert.
#[component]
pub fn Deferred<Fetch, FetchFut, E, Show, ShowFut>(fetch: Fetch, show: Show) -> impl IntoView
where
    Fetch: FnOnce() -> FetchFut + 'static,
    FetchFut: Future<Output = Result<(), E>> + 'static,
    E: Into<NotFetched> + 'static,
    Show: FnOnce() -> ShowFut + 'static,
    ShowFut: Future<Output = Result<AnyView, NotFetched>> + 'static,
{
    let part = RwSignal::new_local(None::<Result<AnyView, NotFetched>>);
    let owner = Owner::current();
    let build = move |fetched: Result<(), E>| {
        if part.is_disposed() {
            return;
        }
        let view = fetched.map_err(Into::into).and_then(|()| {
            let shown = match &owner {
                Some(owner) => owner.with(|| ready_now(show())),
                None => ready_now(show()),
            };
            shown.unwrap_or(Err(NotFetched))
        });
        part.try_set(Some(view));
    };
    let mut fetching = Box::pin(fetch());
    match ready_now(fetching.as_mut()) {
        // The code is in the page already (the component tests): at once.
        Some(fetched) => build(fetched),
        None => leptos::task::spawn_local(async move { build(fetching.await) }),
    }
    move || {
        part.track();
        part.try_update_untracked(Option::take)
            .flatten()
            .map(|shown| match shown {
                Ok(view) => view,
                Err(e) => view! {
                    <p class="form-error" role="alert">{format!("Sorry: {e}.")}</p>
                }
                .into_any(),
            })
    }
}

/// The output of `future` if it is ready on its first poll.
fn ready_now<F: Future>(future: F) -> Option<F::Output> {
    let future = pin!(future);
    match future.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}
