// The staff console: signs in, opens the SignalR hub with the JSON protocol over a WebSocket, shows nudges as they
// arrive (open ones are replayed on connect) and acknowledges them. No framework, no CDN: one file.
const RS = "\u001e";
const list = document.getElementById("nudges");
const statusLine = document.getElementById("status");
const shown = new Set();
let socket;

document.getElementById("signin").addEventListener("submit", async (e) => {
  e.preventDefault();
  const body = Object.fromEntries(new FormData(e.target));
  const response = await fetch("/api/v1/auth/console-token", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  if (!response.ok) { statusLine.textContent = (await response.json()).detail; return; }
  const { accessToken } = await response.json();
  connect(accessToken, body);
});

async function connect(token, who) {
  const query = "access_token=" + encodeURIComponent(token);
  const negotiated = await (await fetch("/hubs/console/negotiate?negotiateVersion=1&" + query, { method: "POST" })).json();
  const url = new URL("/hubs/console?id=" + negotiated.connectionToken + "&" + query, location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  socket?.close();
  socket = new WebSocket(url);
  socket.onopen = () => socket.send(JSON.stringify({ protocol: "json", version: 1 }) + RS);
  socket.onmessage = (m) => m.data.split(RS).filter(Boolean).forEach((frame) => receive(JSON.parse(frame), who));
  socket.onclose = () => { statusLine.textContent = "disconnected: sign in again"; };
}

function receive(message, who) {
  if (message.type === undefined) statusLine.textContent = `live as ${who.staffId} @ ${who.tenant}`;
  if (message.type === 1 && message.target === "nudges") message.arguments[0].forEach(show);
  updateEmpty();
}

function show(nudge) {
  if (shown.has(nudge.id)) return;
  shown.add(nudge.id);
  const item = document.getElementById("nudge").content.firstElementChild.cloneNode(true);
  item.classList.add(nudge.kind);
  item.dataset.id = nudge.id;
  item.querySelector(".title").textContent = nudge.title;
  item.querySelector(".kind").textContent = `${nudge.kind} · ${nudge.customerId}`;
  item.querySelector("time").textContent = new Date(nudge.createdAt).toLocaleTimeString();
  item.querySelector(".text").textContent = nudge.text;
  item.querySelector(".reason").textContent = "Why: " + nudge.reason;
  if (nudge.suggested) {
    const suggested = item.querySelector(".suggested");
    suggested.textContent = "Send: " + nudge.suggested;
    suggested.hidden = false;
  }
  if (nudge.explanation) {
    item.querySelector(".why pre").textContent = nudge.explanation;
    item.querySelector(".why").hidden = false;
  }
  // Done and Not useful close the nudge and teach the tenant's model which actions work.
  for (const [button, target] of [[".done", "Ack"], [".dismiss", "Dismiss"]]) {
    item.querySelector(button).addEventListener("click", () => {
      socket.send(JSON.stringify({ type: 1, target, arguments: [nudge.id] }) + RS);
      item.remove();
      updateEmpty();
    });
  }
  list.prepend(item);
}

function updateEmpty() { document.getElementById("empty").hidden = list.children.length > 0; }
