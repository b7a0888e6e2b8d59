// Shared by the agent and ops consoles: sign-in with a key (the server answers with an HttpOnly session cookie; the key is
// never kept in the page or in browser storage), calls to the JSON APIs with the anti-forgery header, and status messages
// read out by screen readers.
"use strict";

const SupportShieldConsole = (() => {
  const headerName = "X-SupportShield-Console";

  /** Calls a JSON API of the host with the session cookie; throws an Error with the server's message on failure. */
  async function api(path, { method = "GET", body } = {}) {
    const init = { method, credentials: "same-origin", headers: { [headerName]: "1", Accept: "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch { data = { error: text }; }
    }
    if (!response.ok) {
      const error = new Error((data && (data.error || data.detail || data.title)) || `${response.status} ${response.statusText}`);
      error.status = response.status;
      error.data = data;
      throw error;
    }
    return data;
  }

  /** Shows a message in an aria-live status element. */
  function say(element, message, isError = false) {
    element.textContent = message;
    element.classList.toggle("error", isError);
  }

  /** Creates an element with attributes and children (text is always set as text, never as HTML). */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /**
   * Wires the page's sign-in form (#signin-form, #signin-key, #signin-status), the signed-in area (#app), the role line
   * (#who) and the sign-out button (#signout). Calls onSignedIn(role) once a session with one of allowedRoles exists.
   */
  function start({ allowedRoles, onSignedIn }) {
    const form = document.getElementById("signin-form");
    const keyInput = document.getElementById("signin-key");
    const status = document.getElementById("signin-status");
    const app = document.getElementById("app");
    const signin = document.getElementById("signin");
    const who = document.getElementById("who");
    const signout = document.getElementById("signout");

    function show(role) {
      if (!allowedRoles.includes(role)) {
        say(status, `This console is for ${allowedRoles.join(" or ")} keys; you are signed in as ${role}.`, true);
        signin.hidden = false;
        app.hidden = true;
        return;
      }
      signin.hidden = true;
      app.hidden = false;
      who.textContent = `Signed in as ${role}`;
      signout.hidden = false;
      onSignedIn(role);
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      say(status, "Signing in…");
      try {
        const result = await api("/console/session", { method: "POST", body: { key: keyInput.value } });
        keyInput.value = "";
        say(status, "");
        show(result.role);
      } catch (error) {
        say(status, error.message, true);
        keyInput.focus();
      }
    });

    signout.addEventListener("click", async () => {
      try { await api("/console/session", { method: "DELETE" }); } finally { window.location.reload(); }
    });

    api("/console/session").then((result) => show(result.role), () => {
      signin.hidden = false;
      keyInput.focus();
    });
  }

  return { api, say, el, start };
})();
