//! ## CWE-327: broken hash or cipher (`c/audit-weak-crypto`, audit profile)
//!
//! ### What it does
//! Finds OpenSSL's MD4, MD5 and SHA-1 digests (`MD5`, `MD5_Init`, `SHA1`, `EVP_md5` …) and
//! its DES, RC4 and Blowfish ciphers (`DES_ecb_encrypt`, `EVP_des_cbc`, `EVP_rc4` …). Only in
//! `--profile audit`: a digest used as a checksum is no flaw, and the role is not proven.
//!
//! ### Why is this bad?
//! MD5 and SHA-1 collide on demand and are fast to brute-force; DES keys are 56 bits and RC4
//! leaks its key stream: none protects a password, a signature or a secret.
//!
//! ### Example
//! ```c
//! unsigned char digest[MD5_DIGEST_LENGTH];
//! MD5((const unsigned char *)password, strlen(password), digest);
//! ```
//!
//! ### Use instead
//! ```c
//! PKCS5_PBKDF2_HMAC(password, strlen(password), salt, sizeof salt, 600000,
//!                   EVP_sha256(), sizeof key, key);
//! ```
//!
//! ### References
//! - MITRE CWE-327, Use of a Broken or Risky Cryptographic Algorithm; CWE-328.

use super::CContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/audit-weak-crypto",
    cwe: crate::Cwe::new(327),
    name: "Broken hash or cipher",
    language: Language::C,
    severity: Severity::Low,
    summary: "MD4/MD5/SHA-1 digests or DES/RC4/Blowfish ciphers.",
};

/// OpenSSL's names for the broken algorithms: `MD5`, `MD5_Init`, `EVP_md5`, `DES_…`,
/// `BF_…` (Blowfish only in OpenSSL's capitals, so a program's own `bf_search` is not one).
fn is_weak(name: &str) -> bool {
    let evp = name.strip_prefix("EVP_");
    let base = evp.unwrap_or(name);
    let lower = base.to_ascii_lowercase();
    let stem = lower.split('_').next().unwrap_or("");
    let blowfish = base.starts_with("BF_") || (evp.is_some() && stem == "bf");
    (matches!(stem, "md4" | "md5" | "sha1" | "rc4" | "des") || blowfish)
        && !lower.starts_with("des_ede3")
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        for &(call, _) in &func.calls {
            let name = ctx.model.call_name(call);
            if is_weak(name) {
                out.push(ctx.finding(
                    &META,
                    call,
                    format!("`{name}` uses a broken algorithm; use SHA-256 (or a password hash such as PBKDF2 or Argon2) and AES-GCM."),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_weak;

    #[test]
    fn names_of_broken_algorithms() {
        for weak in ["MD5", "MD5_Init", "EVP_md5", "SHA1", "SHA1_Update", "EVP_sha1", "MD4",
            "DES_ecb_encrypt", "EVP_des_cbc", "EVP_rc4", "RC4", "BF_set_key", "EVP_bf_cbc"] {
            assert!(is_weak(weak), "{weak}");
        }
        for fine in ["SHA256", "EVP_sha256", "EVP_aes_256_gcm", "md5sum_file", "shape1",
            "EVP_des_ede3_cbc", "destroy", "description"] {
            assert!(!is_weak(fine), "{fine}");
        }
    }
}
