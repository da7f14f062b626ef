//! ## CWE-319: cleartext transmission (`py/cleartext-protocol`)
//!
//! ### What it does
//! Finds connections made with protocols that send credentials and data
//! unencrypted: `ftplib.FTP`, `telnetlib.Telnet`, `poplib.POP3`,
//! `imaplib.IMAP4`, and `smtplib.SMTP` in a file that never calls
//! `starttls()`.
//!
//! ### Why is this bad?
//! Anyone on the network path reads the login and the transferred files.
//!
//! ### Example
//! ```python
//! ftp = ftplib.FTP(hostname)
//! ftp.login(username, password)
//! ```
//!
//! ### Use instead
//! ```python
//! ftp = ftplib.FTP_TLS(hostname)
//! ftp.login(username, password)
//! ftp.prot_p()
//! ```
//!
//! ### References
//! - MITRE, CWE-319: <https://cwe.mitre.org/data/definitions/319.html>

use super::PyContext;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::last_component;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/cleartext-protocol",
    cwe: crate::Cwe::new(319),
    name: "Cleartext transmission of sensitive information",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A network protocol without encryption is used.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let starttls = ctx
        .model
        .calls
        .iter()
        .any(|c| last_component(&c.qualname) == "starttls");
    for call in &ctx.model.calls {
        let (proto, secure) = match call.qualname.as_str() {
            "ftplib.FTP" => ("FTP", "ftplib.FTP_TLS"),
            "telnetlib.Telnet" => ("Telnet", "SSH (paramiko)"),
            "poplib.POP3" => ("POP3", "poplib.POP3_SSL"),
            "imaplib.IMAP4" => ("IMAP", "imaplib.IMAP4_SSL"),
            "smtplib.SMTP" if !starttls => {
                ("SMTP without STARTTLS", "smtplib.SMTP_SSL or starttls()")
            }
            _ => continue,
        };
        let mut f = ctx.finding(
            &META,
            call.node,
            format!("{proto} sends credentials and data in cleartext; use {secure}."),
        );
        if call.qualname == "ftplib.FTP" {
            if let Some(func) = call.node.field("function") {
                let t = ctx.text(func);
                f.fix = ctx.fix("Use FTP over TLS", vec![ctx.edit(func, format!("{t}_TLS"))]);
            }
        }
        out.push(f);
    }
}
