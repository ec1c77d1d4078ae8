// The playground page, the bot's clock: telling its time, and moving it
// forward with the progress the server reports. Loaded before app.js,
// which holds the state (S), the strings (T) and the rest.
"use strict";

function fmtTime(d, withDate) {
  const o = { timeZone: S.state ? S.state.zone : undefined, hour: "2-digit", minute: "2-digit", hour12: false };
  if (withDate) Object.assign(o, { weekday: "short", month: "short", day: "numeric" });
  return new Intl.DateTimeFormat(lang() === "zh" ? "zh-CN" : "en-GB", o).format(d);
}

function botNow() { return S.now ? new Date(S.now.getTime() + (Date.now() - S.nowAt)) : new Date(); }
function setNow(iso) { S.now = new Date(iso); S.nowAt = Date.now(); drawClock(); }
// fmtShort is a moment as the phone's top bar shows it: "周二 08:00".
function fmtShort(d) {
  const day = new Intl.DateTimeFormat(lang() === "zh" ? "zh-CN" : "en-GB",
    { timeZone: S.state ? S.state.zone : undefined, weekday: "short" }).format(d);
  return day + " " + fmtTime(d, false);
}
function drawClock() {
  $("clock").textContent = fmtTime(botNow(), true);
  $("clock-short").textContent = fmtShort(botNow());
  $("status-time").textContent = fmtTime(botNow(), false);
}

function fill(s, v) { return s.replace(/\{(\w+)\}/g, (_, k) => v[k]); }

// showMove tells how far a move of the clock has got, as the server says:
// the bot's time now, and the messages sent on the way.
function showMove(m, now) {
  if (!S.moving || !m) return;
  toast(fill(t("progress"), { to: fmtTime(new Date(m.to), true), at: fmtTime(new Date(now), true), n: m.messages }), false, true);
}

async function moveClock(step) {
  const buttons = document.querySelectorAll(".controls button, #reset-phone");
  buttons.forEach((b) => (b.disabled = true));
  S.moving = true;
  toast(t("moving"), false, true);
  try {
    const r = await api("api/clock", { step });
    S.moving = false;
    setNow(r.now);
    toast(fill(t("moved"), { at: fmtTime(new Date(r.now), true), n: r.messages }));
  } catch (e) { S.moving = false; toast(e.message); }
  buttons.forEach((b) => (b.disabled = false));
}
