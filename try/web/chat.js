// The playground page, part one: drawing a chat's messages and acting in
// it (sending, pressing buttons, replying, photos). It is loaded before
// app.js, which holds the state (S), the strings (T) and the rest.
"use strict";

// byId is the message with a Telegram id; 0 is no message (a group
// message the bot cannot see has none).
function byId(id) { return id ? S.messages.find((m) => m.id === id) : undefined; }

// pickReplyTarget answers a ForceReply prompt as a Telegram client does:
// the newest prompt not answered yet becomes the message replied to. In a
// group only a prompt that replies to this person's own message counts.
function pickReplyTarget() {
  const group = S.chat < 0;
  let target = 0;
  for (const m of S.messages) {
    if (!m.bot && m.fromId === S.me.id && m.id > target) target = 0;
    if (m.bot && m.forceReply) {
      const asked = byId(m.replyTo);
      if (!group || (asked && !asked.bot && asked.fromId === S.me.id)) target = m.id;
    }
  }
  if (target && target !== S.replyDismissed) S.replyTo = target;
  if (!byId(S.replyTo)) S.replyTo = 0;
  drawReplying();
}

function drawReplying() {
  const m = byId(S.replyTo);
  $("replying").classList.toggle("hidden", !m);
  if (m) $("replying-text").textContent = preview(m);
}

function drawMessages() {
  const box = $("messages");
  box.replaceChildren();
  if (!S.messages.length) {
    const d = el("div", "day");
    d.append(el("span", "", t("empty")));
    box.append(d);
  }
  const pinned = S.messages.filter((m) => m.pinned);
  const pin = pinned[pinned.length - 1];
  $("pinned").classList.toggle("hidden", !pin);
  if (pin) {
    $("pinned").replaceChildren(el("b", "", "📌 " + t("pinned") + " "), document.createTextNode(preview(pin)));
    $("pinned").onclick = () => flash(pin.id);
  }
  let day = "";
  for (const m of S.messages) {
    const d = new Date(m.time);
    const dk = new Intl.DateTimeFormat(lang() === "zh" ? "zh-CN" : "en-GB", { timeZone: S.state.zone, month: "long", day: "numeric", weekday: "short" }).format(d);
    if (dk !== day) {
      day = dk;
      const dv = el("div", "day");
      dv.append(el("span", "", dk));
      box.append(dv);
    }
    box.append(drawMessage(m));
  }
}

function drawMessage(m) {
  const mine = !m.bot && m.fromId === S.me.id;
  const row = el("div", "msg" + (m.bot ? " bot" : "") + (mine ? " mine" : "") + (m.unseen ? " unseen" : "") + (m.pinned ? " is-pinned" : ""));
  row.dataset.id = m.id;
  const b = el("div", "bubble");
  if (S.chat < 0 && !mine) b.append(el("div", "sender", m.fromName));
  if (m.replyTo) {
    const q = byId(m.replyTo);
    if (q) b.append(el("div", "quote", preview(q)));
  }
  const base = `&as=${S.me.id}`;
  if (m.photo) {
    const img = el("img");
    img.src = m.photo + base;
    img.alt = "photo";
    b.append(img);
  }
  if (m.document) {
    const a = el("a", "doc");
    a.href = m.document.url + base;
    a.download = m.document.name;
    a.append(el("span", "icon", "⬇"), el("span", "", m.document.name));
    b.append(a);
  }
  if (m.location) b.append(el("div", "loc", `📍 ${t("location_text")} ${m.location.latitude.toFixed(4)}, ${m.location.longitude.toFixed(4)}`));
  if (m.html) {
    const body = el("div", "text");
    body.innerHTML = m.html; // sanitized on the server
    for (const a of body.querySelectorAll("a")) a.onclick = (e) => followLink(e, a.getAttribute("href"));
    b.append(body);
  }
  const meta = [];
  if (m.unseen) meta.push(t("unseen"));
  if (m.pinned) meta.push("📌");
  if (m.edited) meta.push(t("edited"));
  meta.push(fmtTime(new Date(m.time), false));
  b.append(el("div", "meta", meta.join(" · ")));
  if (m.bot && S.chat < 0) {
    const r = el("button", "reply-btn", "↩");
    r.title = t("replyTo");
    r.onclick = () => { S.replyTo = m.id; drawReplying(); $("text").focus(); };
    b.append(r);
  }
  row.append(b);
  if (m.buttons && m.buttons.length) {
    const kb = el("div", "kb");
    for (const line of m.buttons) {
      const r = el("div", "kbrow");
      for (const btn of line) {
        const x = el("button", "kb-btn" + (btn.url ? " url" : ""), btn.text);
        x.type = "button";
        x.dataset.data = btn.data || "";
        x.onclick = (e) => btn.url ? followLink(e, btn.url) : press(m.id, btn.data);
        r.append(x);
      }
      kb.append(r);
    }
    row.append(kb);
  }
  return row;
}

function flash(id) {
  const n = document.querySelector(`#messages .msg[data-id="${id}"]`);
  if (!n) return;
  n.scrollIntoView({ block: "center" });
  n.classList.add("flash");
  setTimeout(() => n.classList.remove("flash"), 1200);
}

// followLink opens the bot's deep links (t.me/<bot>?start=...) in the
// private chat, as Telegram does; other links open in a new tab.
function followLink(e, href) {
  e.preventDefault();
  let u;
  try { u = new URL(href); } catch { return; }
  if ((u.hostname === "t.me" || u.hostname === "telegram.me") && u.pathname.replace("/", "") === S.state.bot) {
    const p = u.searchParams.get("start");
    openChat(S.me.id).then(() => send("/start" + (p ? " " + p : "")));
    return;
  }
  if (u.protocol === "http:" || u.protocol === "https:") window.open(u.href, "_blank", "noopener");
}

function drawMenu() {
  const box = $("menu");
  box.replaceChildren();
  if (!S.menu.length) box.append(el("div", "desc", t("noMenu")));
  for (const c of S.menu) {
    const b = el("button");
    b.type = "button";
    b.dataset.command = c.command;
    b.append(el("span", "cmd", "/" + c.command), el("span", "desc", c.description));
    b.onclick = () => { box.classList.add("hidden"); send("/" + c.command); };
    box.append(b);
  }
}

async function send(text) {
  text = text.trim();
  if (!text) return;
  const replyTo = S.replyTo;
  S.replyDismissed = replyTo;
  S.replyTo = 0;
  drawReplying();
  try { await api("api/send", { as: S.me.id, chat: S.chat, text, replyTo }); } catch (e) { toast(e.message); }
}

async function press(id, data) {
  try { await api("api/press", { as: S.me.id, chat: S.chat, message: id, data }); } catch (e) { toast(e.message); }
}

async function sendPhoto(file) {
  const f = new FormData();
  f.append("as", S.me.id);
  f.append("chat", S.chat);
  f.append("caption", $("text").value);
  if (file) f.append("file", file);
  $("text").value = "";
  $("attach").classList.add("hidden");
  try { await api("api/photo", f); } catch (e) { toast(e.message); }
}

