//! The demo page: --static served at / with the strict CSP, recovery links serving index.html,
//! --mount directories without CSP.

use crate::common::start_with;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("demo-static-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn static_dir_and_recovery_routes_serve_the_demo_page_with_csp() {
    let site = temp_dir("site");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>demo page</title>",
    )
    .unwrap();
    std::fs::write(site.join("app.js"), "console.log(1)").unwrap();
    let assets = temp_dir("assets");
    std::fs::write(assets.join("a.txt"), "plain").unwrap();
    let h = start_with(demo::EmulatorConfig {
        static_dir: Some(site.clone()),
        mounts: vec![("/assets".into(), assets.clone())],
        ..Default::default()
    })
    .await;
    for path in [
        "/",
        "/index.html",
        "/app.js",
        "/signin/reset-password/abc",
        "/signin/user-unlock/abc",
        "/?recoveryToken=abc",
    ] {
        let (status, headers, body) = h.get_text(path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(headers["content-security-policy"], CSP, "{path}");
        if path != "/app.js" {
            assert!(body.contains("demo page"), "{path}");
        }
    }
    let (status, headers, body) = h.get_text("/assets/a.txt").await;
    assert_eq!(status, 200);
    assert_eq!(body, "plain");
    assert!(headers.get("content-security-policy").is_none());
    let _ = std::fs::remove_dir_all(site);
    let _ = std::fs::remove_dir_all(assets);
}

#[tokio::test]
async fn without_static_dir_a_small_page_is_served() {
    let h = crate::common::start().await;
    let (status, headers, body) = h.get_text("/").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-security-policy"], CSP);
    assert!(body.contains("users.json"));
    let (status, _, _) = h.get_text("/signin/reset-password/tok").await;
    assert_eq!(status, 200);
}
