// Drives a Direct Line 3.0 service with the npm botframework-directlinejs client, as Web Chat does:
//   node client.js DOMAIN TOKEN TEXT [REPLIES]
// starts the conversation over the WebSocket stream, posts TEXT as a message, and prints one JSON line per event:
//   {"kind":"frame","activities":N,"watermark":"W"}  a message that arrived on the WebSocket stream
//   {"kind":"activity","activity":{...}}             an activity the client delivered
//   {"kind":"posted","id":"..."}                     the id the service gave the posted message
//   {"kind":"done","watermark":"W"}                  the post's echo and REPLIES bot activities answering it arrived (default 1)
// Exits 0 when done, 1 on an error or after 30 seconds.
'use strict';

const WebSocketClient = require('ws');
global.XMLHttpRequest = require('xhr2');

// The stream's frames, counted, so the test can tell activities came over the WebSocket (not by polling).
class CountingWebSocket extends WebSocketClient {
  constructor(url, ...rest) {
    super(url, ...rest);
    this.addEventListener('message', (event) => {
      if (event.data && event.data.length > 0) {
        const set = JSON.parse(event.data);
        print({ kind: 'frame', activities: set.activities.length, watermark: set.watermark });
      }
    });
  }
}
global.WebSocket = CountingWebSocket;

const { DirectLine } = require('botframework-directlinejs');

function print(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

const [domain, token, text, repliesArg] = process.argv.slice(2);
if (!domain || !token || !text) {
  process.stderr.write('usage: node client.js DOMAIN TOKEN TEXT [REPLIES]\n');
  process.exit(2);
}

const wanted = Number(repliesArg || '1');
const directLine = new DirectLine({ domain, token, webSocket: true });
let postedId = null;
const seen = [];
const timer = setTimeout(() => {
  process.stderr.write('timed out\n');
  process.exit(1);
}, 30000);

directLine.activity$.subscribe(
  (activity) => {
    print({ kind: 'activity', activity });
    seen.push(activity);
    finishWhenAnswered();
  },
  (error) => {
    process.stderr.write('activity stream failed: ' + String(error && error.message) + '\n');
    process.exit(1);
  }
);

// The bot's replies may arrive before the post's answer (the service answers after the bot's turn).
function finishWhenAnswered() {
  const replies = seen.filter((a) => postedId && a.from && a.from.role === 'bot' && a.replyToId === postedId).length;
  // Frames of the echo and of the reply may be written to the socket in either order: wait for both, as Web Chat does.
  const echoed = seen.some((a) => postedId && a.id === postedId);
  if (replies >= wanted && echoed) {
    print({ kind: 'done', watermark: directLine.watermark });
    clearTimeout(timer);
    directLine.end();
    process.exit(0);
  }
}

directLine
  .postActivity({ type: 'message', from: { id: 'node-client' }, text })
  .subscribe(
    (id) => {
      postedId = id;
      print({ kind: 'posted', id });
      finishWhenAnswered();
    },
    (error) => {
      process.stderr.write('post failed: ' + String(error && error.message) + '\n');
      process.exit(1);
    }
  );
