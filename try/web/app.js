// The playground page: a phone-like chat on the real bot and a simulated
// Telegram. Plain JavaScript, no build step. Everything from the server is
// put on the page as text, except the bot's messages, which the server has
// already rendered from Telegram's parsed entities into a small safe subset.
"use strict";

const T = {
  zh: {
    honest: "本地演练场：机器人是真的，Telegram 是本机模拟的，任何消息都不会发到 Telegram。",
    clock: "机器人时间", hour: "+1 小时", morning: "到明早 8:00", week: "+1 周", reset: "从头再来",
    people: "你是谁？", hint: "点一个人，就以他的身份用机器人。每个人看到自己的私聊和所在的群。",
    roles: { admin: "管理员", staff: "社区工作人员", leader: "楼栋长", resident: "居民", newcomer: "新邻居" },
    bot: "机器人", members: "群成员 {n} 人", placeholder: "写消息…", photo: "发送示例照片", upload: "上传照片…",
    location: "发送位置（服务站）", replyTo: "回复", pinned: "置顶消息", edited: "已编辑", unseen: "机器人看不到（隐私模式）",
    noMenu: "机器人还没有为这个聊天设置命令菜单", empty: "还没有消息。试试左下角的 / 菜单。", moving: "正在运行定时任务…",
    location_text: "位置", started: "已重新开始：新的数据库，新的演示社区。", you: "你",
  },
  en: {
    honest: "A local playground: the bot is real, Telegram is simulated on this machine, and nothing reaches Telegram.",
    clock: "Bot time", hour: "+1 hour", morning: "To tomorrow 08:00", week: "+1 week", reset: "Start over",
    people: "Who are you?", hint: "Pick someone to use the bot as them. Each sees their private chat and the groups they are in.",
    roles: { admin: "Admin", staff: "Staff", leader: "Building leader", resident: "Resident", newcomer: "Newcomer" },
    bot: "bot", members: "{n} members", placeholder: "Message…", photo: "Send sample photo", upload: "Upload a photo…",
    location: "Send location (service station)", replyTo: "Reply to", pinned: "Pinned message", edited: "edited", unseen: "the bot does not see this (privacy mode)",
    noMenu: "The bot has set no command menu for this chat", empty: "No messages yet. Try the / menu at the bottom left.", moving: "Running the schedule…",
    location_text: "Location", started: "Started over: a new database, a new demo community.", you: "You",
  },
};

const S = {
  state: null, me: null, chat: null, messages: [], menu: [],
  replyTo: 0, replyDismissed: 0, now: null, nowAt: 0, seen: {}, previews: {}, busy: false,
};

const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const lang = () => (S.me && S.me.lang === "en" ? "en" : "zh");
const t = (k) => T[lang()][k];

async function api(path, body) {
  const opt = body === undefined ? {} : body instanceof FormData
    ? { method: "POST", body } : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const r = await fetch(path, opt);
  if (!r.ok) throw new Error((await r.text()) || r.statusText);
  return r.status === 204 ? null : r.json();
}

function fmtTime(d, withDate) {
  const o = { timeZone: S.state ? S.state.zone : undefined, hour: "2-digit", minute: "2-digit", hour12: false };
  if (withDate) Object.assign(o, { weekday: "short", month: "short", day: "numeric" });
  return new Intl.DateTimeFormat(lang() === "zh" ? "zh-CN" : "en-GB", o).format(d);
}

function botNow() { return S.now ? new Date(S.now.getTime() + (Date.now() - S.nowAt)) : new Date(); }
function setNow(iso) { S.now = new Date(iso); S.nowAt = Date.now(); drawClock(); }
function drawClock() {
  $("clock").textContent = fmtTime(botNow(), true);
  $("status-time").textContent = fmtTime(botNow(), false);
}

function drawChrome() {
  document.documentElement.lang = lang() === "zh" ? "zh-CN" : "en";
  $("honest").textContent = t("honest");
  $("clock-label").textContent = t("clock");
  for (const k of ["hour", "morning", "week", "reset"]) $(k === "reset" ? "reset" : "step-" + k).textContent = t(k);
  $("people-title").textContent = t("people");
  $("people-hint").textContent = t("hint");
  $("text").placeholder = t("placeholder");
  $("send-photo").textContent = "🖼 " + t("photo");
  $("upload-label").textContent = "⤴ " + t("upload");
  $("send-location").textContent = "📍 " + t("location");
  $("replying-label").textContent = t("replyTo");
}

function drawPeople() {
  const ul = $("persona-list");
  ul.replaceChildren();
  for (const p of S.state.personas) {
    const b = el("button");
    b.dataset.id = p.id;
    if (S.me && p.id === S.me.id) b.classList.add("current");
    b.append(el("span", "pname", p.name), el("span", "prole " + p.role, T[p.lang === "en" ? "en" : "zh"].roles[p.role]));
    b.append(el("div", "pdesc", p.description));
    b.onclick = () => become(p.id);
    const li = el("li");
    li.append(b);
    ul.append(li);
  }
}

function become(id) {
  S.me = S.state.personas.find((p) => p.id === id);
  S.chat = null;
  $("toast").classList.add("hidden");
  localStorage.setItem("courtyard-try-me", String(id));
  drawChrome();
  drawPeople();
  showList();
}

function chatInfo(id) { return S.me.chats.find((c) => c.id === id); }

async function showList() {
  $("chat-list").replaceChildren();
  delete $("chat-list").dataset.for;
  $("chat-view").classList.add("hidden");
  $("list-view").classList.remove("hidden");
  $("me-name").textContent = S.me.name;
  $("me-role").textContent = T[lang()].roles[S.me.role] + (S.me.building ? " · " + S.me.building : "");
  await drawList();
}

async function drawList() {
  const me = S.me;
  const ul = $("chat-list");
  const items = await Promise.all(me.chats.map(async (c) => {
    const d = await api(`api/chat?as=${me.id}&chat=${c.id}`).catch(() => ({ messages: [] }));
    return { c, last: d.messages[d.messages.length - 1] };
  }));
  if (me !== S.me) return;
  ul.replaceChildren();
  ul.dataset.for = me.id;
  for (const { c, last } of items) {
    const b = el("button");
    b.dataset.chat = c.id;
    b.append(el("div", "avatar", c.title.slice(0, 1)));
    const main = el("div", "cmain");
    main.append(el("div", "ctitle", c.title), el("div", "cprev", last ? preview(last) : ""));
    b.append(main);
    const key = me.id + ":" + c.id;
    if (last && (S.seen[key] || 0) < last.id) b.append(el("span", "dot"));
    b.onclick = () => openChat(c.id);
    const li = el("li");
    li.append(b);
    ul.append(li);
  }
}

function textOf(html) {
  const d = document.createElement("template");
  d.innerHTML = html; // sanitized on the server; a template runs nothing
  return d.content.textContent;
}

function preview(m) {
  const who = m.bot ? "" : (m.fromId === S.me.id ? t("you") : m.fromName) + ": ";
  const body = textOf(m.html) || (m.photo ? "🖼" : m.document ? "📄 " + m.document.name : m.location ? "📍" : "");
  return who + body;
}

async function openChat(id) {
  S.chat = id;
  S.replyTo = 0;
  S.replyDismissed = 0;
  $("list-view").classList.add("hidden");
  $("chat-view").classList.remove("hidden");
  $("menu").classList.add("hidden");
  $("attach").classList.add("hidden");
  const c = chatInfo(id);
  $("chat-title").textContent = c.title;
  $("chat-avatar").textContent = c.title.slice(0, 1);
  $("chat-sub").textContent = c.group
    ? T[lang()].members.replace("{n}", S.state.personas.filter((p) => p.chats.some((x) => x.id === id)).length)
    : t("bot");
  await loadChat(true);
}

async function loadChat(scroll) {
  const me = S.me, chat = S.chat;
  if (!me || chat === null) return;
  const d = await api(`api/chat?as=${me.id}&chat=${chat}`);
  if (me !== S.me || chat !== S.chat) return;
  const box = $("messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  S.messages = d.messages;
  S.menu = d.menu || [];
  if (d.messages.length) S.seen[me.id + ":" + chat] = Math.max(...d.messages.map((m) => m.id));
  pickReplyTarget();
  drawMessages();
  drawMenu();
  if (scroll || atBottom) box.scrollTop = box.scrollHeight;
}

// pickReplyTarget answers a ForceReply prompt as a Telegram client does:
// the newest prompt not answered yet becomes the message replied to. In a
// group only a prompt that replies to this person's own message counts.
function pickReplyTarget() {
  const group = S.chat < 0;
  let target = 0;
  for (const m of S.messages) {
    if (!m.bot && m.fromId === S.me.id && m.id > target) target = 0;
    if (m.bot && m.forceReply) {
      const asked = S.messages.find((x) => x.id === m.replyTo);
      if (!group || (asked && !asked.bot && asked.fromId === S.me.id)) target = m.id;
    }
  }
  if (target && target !== S.replyDismissed) S.replyTo = target;
  if (S.replyTo && !S.messages.some((m) => m.id === S.replyTo)) S.replyTo = 0;
  drawReplying();
}

function drawReplying() {
  const m = S.messages.find((x) => x.id === S.replyTo);
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
    const q = S.messages.find((x) => x.id === m.replyTo);
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

function toast(text, alert) {
  const n = $("toast");
  n.textContent = text;
  n.className = "toast" + (alert ? " alert" : "");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => n.classList.add("hidden"), alert ? 4000 : 2500);
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

async function moveClock(step) {
  const buttons = document.querySelectorAll(".controls button");
  buttons.forEach((b) => (b.disabled = true));
  toast(t("moving"));
  try {
    setNow((await api("api/clock", { step })).now);
    $("toast").classList.add("hidden");
  } catch (e) { toast(e.message); }
  buttons.forEach((b) => (b.disabled = false));
}

async function loadState() {
  S.state = await api("api/state");
  setNow(S.state.now);
  const keep = S.me ? S.me.id : Number(localStorage.getItem("courtyard-try-me"));
  S.me = S.state.personas.find((p) => p.id === keep) || S.state.personas[0];
  drawChrome();
  drawPeople();
}

async function refresh() {
  if (S.chat !== null) await loadChat(false);
  else await drawList();
}

function listen() {
  const es = new EventSource("api/events");
  es.addEventListener("change", async (ev) => {
    const d = JSON.parse(ev.data);
    setNow(d.now);
    if (S.state && d.gen !== S.state.gen) {
      const chat = S.chat;
      await loadState();
      S.seen = {};
      if (chat !== null && chatInfo(chat)) await openChat(chat); else await showList();
      if (d.gen > 1) toast(t("started"));
      return;
    }
    for (const a of d.answers || []) if (S.me && a.UserID === S.me.id) toast(a.Text, a.Alert);
    refresh().catch(() => {});
  });
}

function wire() {
  $("back").onclick = () => { S.chat = null; showList(); };
  $("composer").onsubmit = (e) => { e.preventDefault(); const v = $("text").value; $("text").value = ""; send(v); };
  $("menu-btn").onclick = () => { $("attach").classList.add("hidden"); $("menu").classList.toggle("hidden"); };
  $("attach-btn").onclick = () => { $("menu").classList.add("hidden"); $("attach").classList.toggle("hidden"); };
  $("send-photo").onclick = () => sendPhoto(null);
  $("upload").onchange = (e) => { if (e.target.files[0]) sendPhoto(e.target.files[0]); e.target.value = ""; };
  $("send-location").onclick = async () => {
    $("attach").classList.add("hidden");
    try { await api("api/location", { as: S.me.id, chat: S.chat }); } catch (e) { toast(e.message); }
  };
  $("cancel-reply").onclick = () => { S.replyDismissed = S.replyTo; S.replyTo = 0; drawReplying(); };
  for (const b of document.querySelectorAll(".step")) b.onclick = () => moveClock(b.dataset.step);
  $("reset").onclick = async () => {
    $("reset").disabled = true;
    try { await api("api/reset", {}); } catch (e) { toast(e.message); }
    $("reset").disabled = false;
  };
  setInterval(drawClock, 1000);
}

(async function main() {
  wire();
  await loadState();
  await showList();
  listen();
})();
