//! The mail server digests go through (`lettre` over SMTP), and its settings.

use accord::domain::digest::Digest;
use accord::storage::digests::Recipient;
use anyhow::Context;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How long one conversation with the mail server may take before it counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Where digests go out, shared by `accord serve` and `accord digest send`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct MailArgs {
    /// The mail server for daily e-mail digests: smtp://host:25 (unencrypted),
    /// smtp://user:password@host:587?tls=required (STARTTLS) or
    /// smtps://user:password@host (TLS). Digests are off when unset.
    #[arg(long, env = "ACCORD_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of e-mail digests.
    #[arg(long, env = "ACCORD_SMTP_FROM", default_value = "Accord <accord@localhost>")]
    pub smtp_from: String,

    /// Accord's address as its users reach it, for the links in e-mails and calendar
    /// feeds (default: http:// and the listening address in e-mails, the address each
    /// request came to in feeds).
    #[arg(long, env = "ACCORD_BASE_URL")]
    pub base_url: Option<String>,
}

impl MailArgs {
    /// `--base-url` without surrounding space or a trailing `/`; `None` when unset or
    /// blank; an error naming the flag when it is not an http(s) address.
    pub fn checked_base_url(&self) -> anyhow::Result<Option<String>> {
        let Some(url) = self.base_url.as_deref().map(str::trim).filter(|url| !url.is_empty())
        else {
            return Ok(None);
        };
        anyhow::ensure!(
            url.starts_with("http://") || url.starts_with("https://"),
            "--base-url (ACCORD_BASE_URL) must start with http:// or https://, not “{url}”"
        );
        Ok(Some(url.trim_end_matches('/').to_owned()))
    }
}

/// A configured mail server, sender and link base.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    base_url: String,
    server: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("server", &self.server).finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for `smtp_url`, sending as `from`, linking to `base_url`.
    pub fn new(smtp_url: &str, from: &str, base_url: &str) -> anyhow::Result<Mailer> {
        let server = redacted(smtp_url);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url.trim())
            .with_context(|| format!("reading the SMTP URL {server}"))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let from = from
            .parse::<Mailbox>()
            .with_context(|| format!("reading the sender address “{from}” (--smtp-from)"))?;
        Ok(Mailer { transport, from, base_url: base_url.trim_end_matches('/').to_owned(), server })
    }

    /// The mailer `args` describe, or `None` when no SMTP URL is set (digests off).
    /// `default_base_url` links e-mails when `--base-url` is not given.
    pub fn from_args(args: &MailArgs, default_base_url: &str) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = args.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) else {
            return Ok(None);
        };
        let base = args.checked_base_url()?;
        Mailer::new(url, &args.smtp_from, base.as_deref().unwrap_or(default_base_url)).map(Some)
    }

    /// The mail server's URL without its credentials, for logs.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// Sends `digest` to `who`; `Ok` once the mail server has accepted it.
    pub async fn send(&self, who: &Recipient, digest: &Digest) -> anyhow::Result<()> {
        let address = who
            .email
            .trim()
            .parse()
            .with_context(|| format!("reading the e-mail address of user {}", who.user_id))?;
        let to = Mailbox::new(Some(who.display_name.trim().to_owned()), address);
        // Base64 whatever the text: titles may hold any character, and lines stay short.
        let body = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .header(ContentTransferEncoding::Base64)
            .body(digest.text(&who.display_name, &self.base_url));
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(digest.subject())
            .singlepart(body)
            .context("composing the digest")?;
        self.transport
            .send(message)
            .await
            .with_context(|| format!("sending through {}", self.server))?;
        Ok(())
    }
}

/// `url` with any `user:password@` taken out.
fn redacted(url: &str) -> String {
    let url = url.trim();
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://…@{}", &url[..scheme_end], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_is_trimmed_and_must_be_http() {
        let with = |url: Option<&str>| MailArgs {
            base_url: url.map(str::to_owned),
            ..MailArgs::default()
        };
        assert_eq!(with(None).checked_base_url().expect("unset"), None);
        assert_eq!(with(Some("  ")).checked_base_url().expect("blank"), None);
        let valid = with(Some(" https://accord.example/ ")).checked_base_url().expect("valid");
        assert_eq!(valid.as_deref(), Some("https://accord.example"));
        let wrong = with(Some("accord.example")).checked_base_url().expect_err("no scheme");
        assert!(wrong.to_string().contains("--base-url"), "{wrong}");
        let mailer = MailArgs {
            smtp_url: Some("smtp://localhost:2525".to_owned()),
            ..with(Some("ftp://x"))
        };
        assert!(Mailer::from_args(&mailer, "http://x").is_err(), "the digest CLI checks it too");
    }

    #[test]
    fn credentials_never_reach_the_logs() {
        assert_eq!(redacted("smtps://me:secret@mail.example:465"), "smtps://…@mail.example:465");
        assert_eq!(redacted("smtp://localhost:2525"), "smtp://localhost:2525");
    }

    #[test]
    fn no_url_means_digests_are_off() {
        let off = MailArgs { smtp_url: Some("  ".to_owned()), ..MailArgs::default() };
        assert!(Mailer::from_args(&off, "http://x").expect("no error").is_none());
        let bad = MailArgs {
            smtp_url: Some("smtp://localhost:2525".to_owned()),
            smtp_from: "not an address".to_owned(),
            base_url: None,
        };
        assert!(Mailer::from_args(&bad, "http://x").is_err());
    }
}
