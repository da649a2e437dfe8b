//! A real SMTP server for tests, in process on a TCP port: it speaks enough SMTP
//! (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for `lettre` to deliver to it, and
//! keeps every message it accepts.

use base64::Engine;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One accepted message: envelope and the message as sent (headers and body).
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

impl Mail {
    /// The value of header `name` (first match, case-insensitive).
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        head.split("\r\n").find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }

    /// The body as text, decoded from base64 when the message says it is.
    pub fn text(&self) -> String {
        let (_, body) = self.data.split_once("\r\n\r\n").expect("a message has a body");
        let base64 = self
            .header("Content-Transfer-Encoding")
            .is_some_and(|e| e.eq_ignore_ascii_case("base64"));
        if !base64 {
            return body.replace("\r\n", "\n");
        }
        let packed: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(packed)
            .expect("a base64 body decodes");
        String::from_utf8(bytes).expect("the body is UTF-8").replace("\r\n", "\n")
    }
}

/// A listening sink. Dropping it stops accepting.
pub struct Sink {
    pub addr: SocketAddr,
    mails: Arc<Mutex<Vec<Mail>>>,
    task: JoinHandle<()>,
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Sink {
    /// A sink on an ephemeral port.
    pub async fn start() -> Sink {
        Sink::start_on("127.0.0.1:0".parse().expect("address")).await
    }

    /// A sink on `addr` (e.g. a port that refused connections a moment ago).
    pub async fn start_on(addr: SocketAddr) -> Sink {
        let listener = TcpListener::bind(addr).await.expect("bind the SMTP sink");
        let addr = listener.local_addr().expect("sink address");
        let mails = Arc::new(Mutex::new(Vec::new()));
        let kept = mails.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(converse(stream, kept.clone()));
            }
        });
        Sink { addr, mails, task }
    }

    /// `smtp://` URL of the sink (no TLS).
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Every message accepted so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().expect("sink lock").clone()
    }

    /// The messages accepted for `address`.
    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        self.mails().into_iter().filter(|m| m.to.iter().any(|t| t == address)).collect()
    }
}

/// The address in `MAIL FROM:<a@b>` or `RCPT TO:<a@b>`.
fn address(command: &str) -> String {
    let start = command.find('<').map_or(0, |i| i + 1);
    let end = command[start..].find('>').map_or(command.len(), |i| start + i);
    command[start..end].to_owned()
}

/// Writes `text`; false when the client has gone.
async fn reply(writer: &mut OwnedWriteHalf, text: &str) -> bool {
    writer.write_all(text.as_bytes()).await.is_ok()
}

async fn converse(stream: TcpStream, mails: Arc<Mutex<Vec<Mail>>>) {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    if !reply(&mut writer, "220 sink.test ESMTP ready\r\n").await {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let verb = command.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" => "250-sink.test\r\n250 8BITMIME\r\n".to_owned(),
            "HELO" | "RSET" | "NOOP" => {
                if verb == "RSET" {
                    (from, to) = (String::new(), Vec::new());
                }
                "250 OK\r\n".to_owned()
            }
            "MAIL" => {
                from = address(&command);
                "250 OK\r\n".to_owned()
            }
            "RCPT" => {
                to.push(address(&command));
                "250 OK\r\n".to_owned()
            }
            "DATA" => {
                if !reply(&mut writer, "354 End data with <CR><LF>.<CR><LF>\r\n").await {
                    return;
                }
                let mut data = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    // Undo dot-stuffing (RFC 5321 4.5.2).
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                let mail = Mail { from: from.clone(), to: to.clone(), data };
                mails.lock().expect("sink lock").push(mail);
                (from, to) = (String::new(), Vec::new());
                "250 OK queued\r\n".to_owned()
            }
            "QUIT" => {
                let _ = reply(&mut writer, "221 Bye\r\n").await;
                return;
            }
            _ => "502 Command not implemented\r\n".to_owned(),
        };
        if !reply(&mut writer, &answer).await {
            return;
        }
    }
}
