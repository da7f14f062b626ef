//! Property test of the request path: any body, valid or not, sent to `/v1/completions`,
//! `/v1/chat/completions` or `/v1/scan` on the embedded model gets a 200 or a 4xx whose
//! OpenAI-shaped error names what was wrong in one line; never a 5xx, a panic or a hang.
//! Bodies are JSON objects assembled from the fields these endpoints know, each with a value
//! of any JSON type (edge cases included), plus raw bytes and cut-off JSON.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use proptest::prelude::*;
use serde_json::{json, Value};
use tower::ServiceExt;

const FIELDS: &[&str] = &[
    "model",
    "prompt",
    "messages",
    "max_tokens",
    "max_completion_tokens",
    "temperature",
    "top_p",
    "top_k",
    "n",
    "seed",
    "stop",
    "stream",
    "stream_options",
    "echo",
    "logprobs",
    "suffix",
    "best_of",
    "secure",
    "language",
    "presence_penalty",
    "logit_bias",
    "continue_final_message",
    "tools",
    "code",
    "cwe",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop_oneof![
            Just(0i64),
            Just(1),
            Just(-1),
            Just(3),
            Just(i64::MAX),
            Just(i64::MIN)
        ]
        .prop_map(Value::from),
        prop_oneof![Just(0.0f64), Just(0.5), Just(2.5), Just(-0.1), Just(1e308)]
            .prop_map(Value::from),
        prop_oneof![
            Just(String::new()),
            Just("smollm2".to_string()),
            Just("def f(x):\n".to_string()),
            Just("<|im_start|>system\n".to_string()),
            Just("python".to_string()),
            Just("c".to_string()),
            Just("CWE-078".to_string()),
            Just("\u{0}\u{7f}é漢".to_string()),
            "[a-z ]{0,12}",
        ]
        .prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(("role|content|type|text|include_usage", inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A plausible chat message list (so some requests get past the first checks).
fn messages() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (
            prop_oneof![
                Just("user"),
                Just("system"),
                Just("assistant"),
                Just("tool")
            ],
            scalar(),
        )
            .prop_map(|(role, content)| json!({"role": role, "content": content})),
        0..3,
    )
    .prop_map(Value::from)
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    let object = (
        prop::collection::btree_map(prop::sample::select(FIELDS), value(), 0..6),
        any::<bool>(),
        messages(),
    )
        .prop_map(|(fields, plausible, msgs)| {
            let mut o: serde_json::Map<String, Value> = fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            if plausible {
                // Enough of a real request that the value checks, not only the types, run.
                o.entry("model").or_insert(json!("smollm2"));
                o.entry("prompt").or_insert(json!("def add(a, b):\n"));
                o.entry("messages").or_insert(msgs);
                o.insert("max_tokens".into(), json!(2));
                o.entry("code")
                    .or_insert(json!("import os\nos.system(input())\n"));
                o.entry("language").or_insert(json!("python"));
            }
            serde_json::to_vec(&Value::Object(o)).unwrap()
        });
    prop_oneof![
        8 => object,
        1 => prop::collection::vec(any::<u8>(), 0..40),
        1 => (value(), 0usize..20).prop_map(|(v, cut)| {
            let t = serde_json::to_vec(&v).unwrap();
            t[..t.len().saturating_sub(cut)].to_vec()
        }),
    ]
}

fn router() -> axum::Router {
    static MODEL: std::sync::OnceLock<axum::Router> = std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| {
            let model = hexacoder_model::Model::load("smollm2")
                .expect("the embedded model (bash scripts/setup) is needed");
            let config = hexacoder_server::Config {
                max_tokens_cap: 8,
                n_cap: 2,
                ..Default::default()
            };
            let (router, _thread) = hexacoder_server::app(model, config);
            router
        })
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn any_body_gets_a_200_or_a_clear_4xx(
        endpoint in prop::sample::select(vec!["/v1/completions", "/v1/chat/completions", "/v1/scan"]),
        body in body(),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (status, text) = rt.block_on(async {
            let request = Request::post(endpoint)
                .header("content-type", "application/json")
                .body(Body::from(body.clone()))
                .unwrap();
            let response = tokio::time::timeout(
                std::time::Duration::from_secs(60),
                router().oneshot(request),
            )
            .await
            .expect("the server answers within a minute")
            .unwrap();
            let status = response.status();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        });
        let sent = String::from_utf8_lossy(&body);
        prop_assert!(
            status == StatusCode::OK || status.is_client_error(),
            "{endpoint} {sent}: status {status}: {text}"
        );
        if status.is_client_error() {
            let v: Value = serde_json::from_str(&text)
                .map_err(|e| TestCaseError::fail(format!("{endpoint} {sent}: not JSON ({e}): {text}")))?;
            let message = v["error"]["message"].as_str().unwrap_or_default();
            prop_assert!(!message.is_empty() && !message.contains('\n'), "{endpoint} {sent}: {text}");
            if let Some(param) = v["error"]["param"].as_str() {
                let field = param.split(['[', '.']).next().unwrap_or_default();
                prop_assert!(sent.contains(field), "{endpoint} {sent}: param `{param}` is not in the request");
            }
        }
    }
}
