// The customer's chat: asks this host for a Direct Line token (the secret stays on the server) and renders Web Chat.
// Nothing is kept in the URL, cookies or browser storage: a reload starts a new conversation.
(function () {
  'use strict';

  var status = document.getElementById('chat-status');
  var host = document.getElementById('webchat');
  var nonceMeta = document.querySelector('meta[name="csp-nonce"]');
  var nonce = nonceMeta ? nonceMeta.getAttribute('content') : undefined;

  function fail() {
    status.textContent = 'The chat could not start. Please reload the page in a moment.';
  }

  if (!window.WebChat) {
    fail();
    return;
  }

  fetch('/directline/token', { method: 'POST', cache: 'no-store', credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('token request failed: ' + response.status);
      }
      return response.json();
    })
    .then(function (answer) {
      var domain = new URL(answer.domain, window.location.origin).href.replace(/\/$/, '');
      var directLine = window.WebChat.createDirectLine({ token: answer.token, domain: domain, webSocket: true });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          locale: 'en-US',
          nonce: nonce,
          sendTypingIndicator: false,
          styleOptions: {
            hideUploadButton: true,
            rootHeight: '100%',
            rootWidth: '100%',
            sendBoxTextWrap: true
          }
        },
        host
      );
      status.textContent = '';
    })
    .catch(fail);
})();
