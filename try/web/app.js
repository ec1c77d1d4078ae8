// The playground page: a phone-like chat on the real bot and a simulated
// Telegram. Plain JavaScript, no build step. Everything from the server is
// put on the page as text, except the bot's messages, which the server has
// already rendered from Telegram's parsed entities into a small safe subset.
"use strict";

const T = {
  zh: {
    honest: "本地演练场：机器人是真的，Telegram 是本机模拟的，任何消息都不会发到 Telegram。",
    clock: "机器人时间", hour: "+1 小时", morning: "到明早 8:00", week: "+1 周", reset: "从头再来",
    short: { hour: "+1小时", morning: "明早8点", week: "+1周" },
    progress: "正在走到 {to}：已到 {at}，已送出 {n} 条消息…", moved: "已到 {at}：途中送出 {n} 条消息。",
    people: "你是谁？", hint: "点一个人，就以他的身份用机器人。每个人看到自己的私聊和所在的群。",
    roles: { admin: "管理员", staff: "社区工作人员", leader: "楼栋长", resident: "居民", newcomer: "新邻居" },
    bot: "机器人", members: "群成员 {n} 人", placeholder: "写消息…", photo: "发送示例照片", upload: "上传照片…",
    location: "发送位置（服务站）", replyTo: "回复", pinned: "置顶消息", edited: "已编辑", unseen: "机器人看不到（隐私模式）",
    noMenu: "机器人还没有为这个聊天设置命令菜单", empty: "还没有消息。试试左下角的 / 菜单。", moving: "时间在走：定时任务逐个运行，消息按时送达…",
    location_text: "位置", started: "已重新开始：新的数据库，新的演示社区。", you: "你",
  },
  en: {
    honest: "A local playground: the bot is real, Telegram is simulated on this machine, and nothing reaches Telegram.",
    clock: "Bot time", hour: "+1 hour", morning: "To tomorrow 08:00", week: "+1 week", reset: "Start over",
    short: { hour: "+1h", morning: "08:00", week: "+1wk" },
    progress: "Moving to {to}: {at} … {n} messages so far", moved: "Now {at}: {n} messages on the way.",
    people: "Who are you?", hint: "Pick someone to use the bot as them. Each sees their private chat and the groups they are in.",
    roles: { admin: "Admin", staff: "Staff", leader: "Building leader", resident: "Resident", newcomer: "Newcomer" },
    bot: "bot", members: "{n} members", placeholder: "Message…", photo: "Send sample photo", upload: "Upload a photo…",
    location: "Send location (service station)", replyTo: "Reply to", pinned: "Pinned message", edited: "edited", unseen: "the bot does not see this (privacy mode)",
    noMenu: "The bot has set no command menu for this chat", empty: "No messages yet. Try the / menu at the bottom left.", moving: "Time is passing: the schedule runs on the way and messages arrive as they fall due…",
    location_text: "Location", started: "Started over: a new database, a new demo community.", you: "You",
  },
};

const S = {
  state: null, me: null, chat: null, messages: [], menu: [],
  replyTo: 0, replyDismissed: 0, now: null, nowAt: 0, seen: {}, previews: {}, busy: false, moving: false,
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

function drawChrome() {
  document.documentElement.lang = lang() === "zh" ? "zh-CN" : "en";
  $("honest").textContent = t("honest");
  $("honest-phone").textContent = t("honest");
  $("clock-label").textContent = t("clock");
  for (const k of ["hour", "morning", "week"]) {
    $("step-" + k).querySelector(".long").textContent = t(k);
    $("step-" + k).querySelector(".short").textContent = t("short")[k];
    $("step-" + k).title = t(k);
  }
  $("reset").textContent = t("reset");
  $("reset-phone").textContent = t("reset");
  $("chip-name").textContent = S.me.name;
  $("chip-avatar").textContent = S.me.name.slice(0, 1);
  $("me-chip").title = t("people");
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

// phone is true when the page is laid out for a phone: one column, the
// page scrolls, the people behind the chip.
const phone = () => window.matchMedia("(max-width: 720px)").matches;

function showPeople(open) {
  document.body.classList.toggle("people-open", open);
  $("me-chip").setAttribute("aria-expanded", String(open));
  window.scrollTo(0, 0);
}

async function become(id) {
  S.me = S.state.personas.find((p) => p.id === id);
  S.chat = null;
  $("toast").classList.add("hidden");
  localStorage.setItem("courtyard-try-me", String(id));
  drawChrome();
  drawPeople();
  const open = phone() && document.body.classList.contains("people-open");
  showPeople(false);
  await showList();
  // On a phone, picking someone opens their chat with the bot.
  if (open && S.me.id === id && S.chat === null) await openChat(id);
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
  const page = document.scrollingElement;
  const atBottom = phone()
    ? page.scrollHeight - page.scrollTop - window.innerHeight < 80
    : box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  S.messages = d.messages;
  S.menu = d.menu || [];
  if (d.messages.length) S.seen[me.id + ":" + chat] = Math.max(...d.messages.map((m) => m.id));
  pickReplyTarget();
  drawMessages();
  drawMenu();
  if (scroll || atBottom) {
    box.scrollTop = box.scrollHeight;
    if (phone()) page.scrollTop = page.scrollHeight;
  }
}

// toast shows a short note; a sticky one stays until replaced or hidden.
function toast(text, alert, sticky) {
  const n = $("toast");
  n.textContent = text;
  n.className = "toast" + (alert ? " alert" : "");
  clearTimeout(toast.timer);
  if (!sticky) toast.timer = setTimeout(() => n.classList.add("hidden"), alert ? 4000 : 2500);
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
    showMove(d.move, d.now);
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
  for (const r of [$("reset"), $("reset-phone")]) {
    r.onclick = async () => {
      r.disabled = true;
      try { await api("api/reset", {}); } catch (e) { toast(e.message); }
      r.disabled = false;
      showPeople(false);
    };
  }
  $("me-chip").onclick = () => showPeople(!document.body.classList.contains("people-open"));
  setInterval(drawClock, 1000);
}

(async function main() {
  wire();
  await loadState();
  await showList();
  listen();
})();
