//! The strength worker's client (`strength.rs`) and the problems list's
//! weak-password warnings, with a stand-in worker that keeps the real
//! one's protocol and its one trap: it listens only once it says it is
//! ready, so a request sent before that would be lost.

use crate::util::{mount, settle};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use proget_users_core::edit;
use proget_users_editor::problems::Problems;
use proget_users_editor::strength::{
    score, unavailable, use_worker_script, Candidate, OwnerDetails, Verdicts,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

/// A worker that, 200 ms after it starts, listens and says it is ready;
/// it calls a password weak when it starts with `weak`, and answers with
/// the owners it was given (to check them) after wiping the bytes.
const STAND_IN: &str = r#"
setTimeout(() => {
  self.onmessage = (e) => {
    const d = e.data;
    if (d.type !== 'score') return;
    const decoder = new TextDecoder();
    let start = 0;
    const verdicts = [];
    for (const end of d.ends) {
      const p = decoder.decode(d.bytes.subarray(start, end));
      start = end;
      verdicts.push(p.startsWith('weak')
        ? { summary: 'the password is easy to guess (stand-in)', warning: null, suggestions: ['Add a word.'] }
        : null);
    }
    d.bytes.fill(0);
    self.postMessage({ type: 'scored', id: d.id, verdicts, owners: d.owners });
  };
  self.postMessage({ type: 'ready' });
}, 200);
"#;

fn stand_in_url() -> String {
    let parts = js_sys::Array::of1(&STAND_IN.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

/// Scores `candidates` and waits for the answer.
async fn scored(candidates: Vec<Candidate>) -> Verdicts {
    let answer: Rc<RefCell<Option<Verdicts>>> = Rc::default();
    let slot = answer.clone();
    score(candidates, move |v| *slot.borrow_mut() = Some(v));
    for _ in 0..1000 {
        if let Some(v) = answer.borrow_mut().take() {
            return v;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("no answer in 10 s");
}

/// Waits until `check` holds of the mounted page's text (or 10 s).
async fn until(m: &crate::util::Mounted, check: impl Fn(&str) -> bool) {
    for _ in 0..1000 {
        settle().await;
        if check(&m.text()) {
            return;
        }
    }
    panic!("never happened; the page says: {}", m.text());
}

#[wasm_bindgen_test]
async fn requests_sent_before_the_worker_is_ready_are_answered() {
    use_worker_script(&stand_in_url());
    // Sent at once, while the worker is still starting.
    let first = scored(vec![
        Candidate::new("weak one".into(), OwnerDetails::named("a")),
        Candidate::new("Tq8#Lr2@vZp9".into(), OwnerDetails::named("b")),
    ]);
    let second = scored(vec![Candidate::new(
        "weak two".into(),
        OwnerDetails::named("c"),
    )]);
    let (first, second) = (first.await.unwrap(), second.await.unwrap());
    assert_eq!(
        first.iter().map(Option::is_some).collect::<Vec<_>>(),
        [true, false]
    );
    let weak = first[0].as_ref().unwrap();
    assert_eq!(weak.summary, "the password is easy to guess (stand-in)");
    assert_eq!(
        weak.feedback(),
        "the password is easy to guess (stand-in) Add a word."
    );
    assert!(second[0].is_some());
    // Ready now: a request is answered at once.
    assert!(scored(vec![Candidate::new(
        "fine".into(),
        OwnerDetails::named("d")
    )])
    .await
    .unwrap()[0]
        .is_none());
    assert_eq!(scored(Vec::new()).await, Ok(Vec::new()));
    assert_eq!(unavailable(), None);
}

#[wasm_bindgen_test]
async fn the_problems_list_warns_of_each_weak_plaintext_by_place() {
    use_worker_script(&stand_in_url());
    let json = r#"{"users":[{"userName":"a","password":"weak-a"},{"userName":"b","password":"Tq8#Lr2@vZp9"},{"userName":"c","password":"weak-c"}],"groups":[]}"#;
    let m = mount(json, || view! { <Problems /> });
    until(&m, |text| text.matches("weak password:").count() == 2).await;
    let lines: Vec<String> = m
        .texts(".problem-list li")
        .into_iter()
        .filter(|l| l.contains("weak password"))
        .collect();
    assert!(lines[0].contains("$.users[0].password"), "{lines:?}");
    assert!(lines[1].contains("$.users[2].password"), "{lines:?}");
    let text = m.text();
    assert!(
        !text.contains("weak-a") && !text.contains("weak-c"),
        "{text}"
    );
    // The two, and the plaintexts themselves.
    assert!(text.contains("3 warnings"), "{text}");

    // A fixed password loses its warning.
    m.editor
        .document
        .apply("fix", |f| {
            edit::set_password(f, "a", "Tq8#Lr2@vZp9!", edit::PasswordStorage::Plaintext)
        })
        .unwrap();
    until(&m, |text| text.matches("weak password:").count() == 1).await;
}

#[wasm_bindgen_test]
async fn without_the_worker_the_page_works_and_says_so_quietly() {
    use_worker_script("./no-such-strength-worker.js");
    let json = r#"{"users":[{"userName":"a","password":"weak-a"},{"userName":"a"}],"groups":[]}"#;
    let m = mount(json, || view! { <Problems /> });
    until(&m, |text| text.contains("Weak passwords are not flagged")).await;
    // The other problems are listed as ever.
    assert!(m.text().contains("used twice"), "{}", m.text());
    assert!(unavailable().is_some());
    // Later requests end at once, without a warning.
    assert!(scored(vec![Candidate::new(
        "weak".into(),
        OwnerDetails::named("x")
    )])
    .await
    .is_err());
}
