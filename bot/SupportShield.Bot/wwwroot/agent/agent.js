"use strict";
// The agent console: a list of live conversations, the selected one's transcript, held messages and actions, kept up to
// date by the agent hub (/hubs/agent, SignalR). Everything from the server is shown with textContent (SupportShieldConsole.el),
// nothing is kept in browser storage, and only conversation ids (not personal data) appear in URLs.
(() => {
  const { api, say, el } = SupportShieldConsole;
  const $ = (id) => document.getElementById(id);

  const stateWords = {
    none: "Not verified",
    pending: "Verification pending (code sent or contact asked)",
    verified: "Verified",
    locked: "Locked (too many wrong codes)",
  };
  const heldWords = {
    held: "Held",
    releasing: "Being delivered",
    delivered: "Delivered after verification",
    overridden: "Delivered on an approved override",
  };
  const roleWords = { customer: "Customer", agent: "Agent", bot: "Bot" };

  let role = null;
  let connection = null;
  let current = null; // the selected conversation id
  const conversations = new Map(); // id -> summary
  let held = []; // held items of the selected conversation
  const seenLines = new Set();

  function announce(message) {
    // Re-set so that the same words are read again.
    $("announce").textContent = "";
    window.setTimeout(() => { $("announce").textContent = message; }, 30);
  }

  function actorId() {
    const input = $("actor-id");
    const value = input.value.trim();
    if (!/^[A-Za-z0-9._@-]{1,100}$/.test(value)) {
      input.focus();
      throw new Error(`Enter your ${role} id first (letters, digits and . _ - @).`);
    }
    return value;
  }

  function time(value) {
    const date = new Date(value);
    return el("time", { datetime: date.toISOString(), text: date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }) });
  }

  function badge(kind, words) {
    return el("span", { class: `badge ${kind}`, text: words });
  }

  // ---- the list ---------------------------------------------------------------------------------------------------------

  function renderList() {
    const list = $("conversation-list");
    const sorted = [...conversations.values()].sort((a, b) => new Date(b.lastActivityAt) - new Date(a.lastActivityAt));
    list.replaceChildren(...sorted.map((c) => {
      const heldText = c.heldCount > 0 ? `, ${c.heldCount} held` : "";
      const button = el("button", {
        type: "button",
        "data-conversation": c.conversationId,
        "aria-current": c.conversationId === current ? "true" : null,
        onclick: () => select(c.conversationId),
      },
      el("span", { text: c.conversationId }),
      el("span", { class: "meta", text: `${stateWords[c.verification] || c.verification}${heldText} · ${c.accountId ? "account " + c.accountId : "no account linked"}` }));
      return el("li", {}, button);
    }));
    say($("list-status"), sorted.length === 0 ? "No conversations yet." : "");
  }

  async function loadList() {
    try {
      const result = await api("/api/agent/conversations");
      conversations.clear();
      for (const c of result.conversations) conversations.set(c.conversationId, c);
      renderList();
    } catch (error) {
      say($("list-status"), error.message, true);
    }
  }

  // ---- the selected conversation ----------------------------------------------------------------------------------------

  function lineKey(line) { return `${line.time}|${line.role}|${line.text}`; }

  function addLine(line) {
    const key = lineKey(line);
    if (seenLines.has(key)) return false;
    seenLines.add(key);
    const list = $("transcript");
    list.append(el("li", { class: line.role },
      el("span", { class: "who", text: `${roleWords[line.role] || line.role}:` }),
      el("span", { class: "text", text: line.text }),
      time(line.time)));
    list.scrollTop = list.scrollHeight;
    return true;
  }

  function showVerification(verification, accountId) {
    $("verification-state").replaceChildren(badge(verification, stateWords[verification] || verification));
    $("linked-account").textContent = accountId || "none linked";
  }

  function reasonList(reasons) {
    return el("ul", { class: "reasons" }, reasons.map((r) => el("li", { text: r.detail })));
  }

  function renderHeld() {
    const list = $("held-list");
    $("held-empty").hidden = held.length > 0;
    list.replaceChildren(...held.map((item) => {
      const li = el("li", { class: `state-${item.state}`, "data-message": item.messageId, "aria-label": `Held message from ${item.sender}, ${heldWords[item.state] || item.state}` },
        el("p", {}, badge(item.state, heldWords[item.state] || item.state), " ", el("span", { class: "muted", text: `from ${item.sender} · held at ` }), time(item.heldAt)),
        el("p", { class: "preview", text: item.preview }),
        el("p", { text: "Why:" }),
        reasonList(item.reasons));
      for (const request of item.overrideRequests) {
        li.append(el("p", { class: "muted", text: `Override request by ${request.agentId}: ${request.status}. Justification (masked): ${request.maskedJustification}` }));
        if (role === "supervisor" && request.status === "pending" && item.state === "held") {
          li.append(el("div", { class: "buttons" },
            el("button", { type: "button", onclick: () => decide(request.requestId, "approve") , text: "Approve override" }),
            el("button", { type: "button", class: "secondary", onclick: () => decide(request.requestId, "reject"), text: "Reject override" })));
        }
      }
      if (role === "agent" && item.state === "held") li.append(heldActions(item));
      return li;
    }));
  }

  function heldActions(item) {
    const id = item.messageId;
    const justification = el("textarea", { id: `justify-${id}`, rows: "2", minlength: "10", maxlength: "1000", required: true });
    const form = el("form", { class: "override-form", hidden: true, onsubmit: (event) => { event.preventDefault(); requestOverride(id, justification); } },
      el("label", { for: `justify-${id}`, text: "Why must the customer get this before verifying? (10 to 1000 characters)" }),
      justification,
      el("p", {}, el("button", { type: "submit", text: "Send override request" })));
    const toggle = el("button", {
      type: "button",
      class: "secondary",
      "aria-expanded": "false",
      text: "Ask for an override",
      onclick: () => {
        form.hidden = !form.hidden;
        toggle.setAttribute("aria-expanded", String(!form.hidden));
        if (!form.hidden) justification.focus();
      },
    });
    const report = el("button", { type: "button", class: "secondary", text: "Report a false positive", onclick: () => reportFalsePositive(id) });
    return el("div", {}, el("div", { class: "buttons" }, toggle, report), form);
  }

  function upsertHeld(item) {
    const index = held.findIndex((h) => h.messageId === item.messageId);
    if (index >= 0) held[index] = item; else held.push(item);
    renderHeld();
  }

  async function select(conversationId) {
    if (connection && current && current !== conversationId) {
      try { await connection.invoke("Unwatch", current); } catch { /* reconnecting: nothing to leave */ }
    }
    current = conversationId;
    seenLines.clear();
    held = [];
    $("transcript").replaceChildren();
    $("reply-result").replaceChildren();
    $("search-results").replaceChildren();
    for (const id of ["held-status", "search-status", "verification-status"]) say($(id), "");
    $("conversation-heading").textContent = `Conversation ${conversationId}`;
    $("conversation-hint").hidden = true;
    $("conversation-body").hidden = false;
    renderList();
    if (connection && connection.state === "Connected") {
      try { await connection.invoke("Watch", conversationId); } catch (error) { say($("live-status"), `Live updates unavailable: ${error.message}`, true); }
    }
    await loadConversation();
    $("conversation-heading").focus();
  }

  async function loadConversation() {
    if (!current) return;
    const id = current;
    try {
      const view = await api(`/api/agent/conversations/${encodeURIComponent(id)}`);
      if (id !== current) return;
      showVerification(view.verification, view.accountId);
      for (const line of view.transcript) addLine(line);
      held = view.heldMessages;
      renderHeld();
    } catch (error) {
      say($("held-status"), error.message, true);
    }
  }

  // ---- actions ----------------------------------------------------------------------------------------------------------

  async function sendReply(event) {
    event.preventDefault();
    const result = $("reply-result");
    const text = $("reply-text").value;
    try {
      const agentId = actorId();
      say(result, "Sending…");
      const outcome = await api(`/api/agent/conversations/${encodeURIComponent(current)}/messages`, { method: "POST", body: { agentId, text } });
      $("reply-text").value = "";
      const words = {
        delivered: "Delivered to the customer.",
        redacted: "Delivered with parts redacted.",
        held: "Held: not sent to the customer.",
        blocked: "Blocked: this message can never be sent.",
      }[outcome.status] || outcome.status;
      result.replaceChildren(el("p", {}, badge(outcome.status, words)));
      if (outcome.reasons.length > 0) {
        result.append(el("p", { text: "Why:" }), reasonList(outcome.reasons));
      }
      result.classList.remove("error");
    } catch (error) {
      say(result, error.message, true);
    }
  }

  async function search(event) {
    event.preventDefault();
    const status = $("search-status");
    const results = $("search-results");
    const query = $("search-query");
    results.replaceChildren();
    try {
      say(status, "Searching…");
      const found = await api("/api/agent/accounts/search", { method: "POST", body: { query: query.value } });
      query.value = ""; // the query may be an email or phone: not kept on the page
      if (found.matches.length === 0) {
        say(status, "No account has that id, email or phone.");
        return;
      }
      say(status, `${found.matches.length} account${found.matches.length === 1 ? "" : "s"} found.`);
      results.replaceChildren(...found.matches.map((m) => el("li", {},
        el("span", { text: `${m.accountId} · ${m.initials} · ${m.maskedEmail}${m.maskedPhone ? " · phone " + m.maskedPhone : ""}` }),
        el("button", { type: "button", text: `Link ${m.accountId}`, onclick: () => link(m.accountId) }))));
    } catch (error) {
      say(status, error.message, true);
    }
  }

  async function link(accountId) {
    const status = $("search-status");
    try {
      await api(`/api/agent/conversations/${encodeURIComponent(current)}/link`, { method: "POST", body: { accountId } });
      $("search-results").replaceChildren();
      say(status, `Linked to account ${accountId}.`);
      $("linked-account").textContent = accountId;
    } catch (error) {
      say(status, error.message, true);
    }
  }

  async function startVerification() {
    const status = $("verification-status");
    const words = {
      codeSent: "A code was sent to the contact on file; the customer was asked to type it.",
      awaitingContact: "No account is linked: the customer was asked for the email or phone on the account.",
      alreadyVerified: "The customer is already verified.",
      locked: "Verification is locked for this account.",
    };
    try {
      say(status, "Starting verification…");
      const result = await api(`/api/agent/conversations/${encodeURIComponent(current)}/verification`, { method: "POST" });
      say(status, words[result.status] || result.status);
    } catch (error) {
      say(status, error.message, true);
    }
  }

  async function requestOverride(messageId, justification) {
    const status = $("held-status");
    try {
      const agentId = actorId();
      const request = await api(`/api/agent/conversations/${encodeURIComponent(current)}/held/${encodeURIComponent(messageId)}/override-requests`,
        { method: "POST", body: { agentId, justification: justification.value } });
      say(status, `Override requested (${request.requestId}); a supervisor decides.`);
    } catch (error) {
      say(status, error.message, true);
    }
  }

  async function reportFalsePositive(messageId) {
    const status = $("held-status");
    try {
      const agentId = actorId();
      await api(`/api/agent/conversations/${encodeURIComponent(current)}/held/${encodeURIComponent(messageId)}/false-positive`,
        { method: "POST", body: { agentId } });
      say(status, "Reported as a false positive; ops will review the rule.");
    } catch (error) {
      say(status, error.message, true);
    }
  }

  async function decide(requestId, decision) {
    const status = $("held-status");
    try {
      const supervisorId = actorId();
      await api(`/api/agent/override-requests/${encodeURIComponent(requestId)}/${decision}`, { method: "POST", body: { supervisorId } });
      say(status, decision === "approve" ? "Override approved; the message was released." : "Override rejected; the message stays held.");
      await loadConversation();
    } catch (error) {
      say(status, error.message, true);
    }
  }

  // ---- live updates -----------------------------------------------------------------------------------------------------

  async function connect() {
    const live = $("live-status");
    if (typeof signalR === "undefined") {
      say(live, "Live updates are unavailable (the SignalR client did not load); use Refresh list.", true);
      return;
    }
    connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/agent")
      .withAutomaticReconnect()
      .configureLogging(signalR.LogLevel.None)
      .build();

    connection.on("conversationUpdated", (summary) => {
      const isNew = !conversations.has(summary.conversationId);
      conversations.set(summary.conversationId, summary);
      renderList();
      if (isNew) announce(`New conversation ${summary.conversationId}.`);
    });
    connection.on("transcriptLine", (line) => {
      if (line.conversationId !== current) return;
      if (addLine(line) && line.role === "customer") announce(`Customer: ${line.text}`);
    });
    connection.on("messageHeld", (event) => {
      if (event.conversationId !== current) return;
      upsertHeld(event.message);
      announce(`A message was held: ${event.message.reasons.map((r) => r.detail).join("; ")}`);
    });
    connection.on("heldMessagesChanged", (event) => {
      if (event.conversationId !== current) return;
      const before = new Map(held.map((h) => [h.messageId, h.state]));
      held = event.messages;
      renderHeld();
      const delivered = held.filter((h) => before.get(h.messageId) === "held" && (h.state === "delivered" || h.state === "overridden")).length;
      if (delivered > 0) announce(`${delivered} held message${delivered === 1 ? " was" : "s were"} delivered.`);
    });
    connection.on("verificationChanged", (event) => {
      if (event.conversationId !== current) return;
      showVerification(event.verification, event.accountId);
      announce(`Verification: ${stateWords[event.verification] || event.verification}.`);
    });
    connection.onreconnecting(() => say(live, "Live updates interrupted; reconnecting…", true));
    connection.onreconnected(async () => {
      say(live, "Live updates on.");
      if (current) {
        await connection.invoke("Watch", current);
        await loadConversation();
      }
      await loadList();
    });
    connection.onclose(() => say(live, "Live updates stopped; reload the page to resume.", true));

    try {
      await connection.start();
      say(live, "Live updates on.");
      if (current) await connection.invoke("Watch", current);
    } catch (error) {
      say(live, `Live updates unavailable: ${error.message}`, true);
    }
  }

  SupportShieldConsole.start({
    allowedRoles: ["agent", "supervisor"],
    onSignedIn: async (signedInRole) => {
      role = signedInRole;
      $("actor-label").textContent = `Your ${role} id (kept in the audit log)`;
      for (const node of document.querySelectorAll(".agent-only")) node.hidden = role !== "agent";
      $("reply-form").addEventListener("submit", sendReply);
      $("search-form").addEventListener("submit", search);
      $("start-verification").addEventListener("click", startVerification);
      $("refresh").addEventListener("click", loadList);
      await connect();
      await loadList();
    },
  });
})();
