// The player page of a published stream: asks /api/streams/{id}/playback for the current
// generation's playlist, plays it with hls.js (or natively where the browser plays HLS), shows
// "offline" and asks again every few seconds until the stream is live, and reports startup time,
// errors, rebuffering and the distance to the live edge to /api/player-metrics.
(function () {
  "use strict";
  var page = document.getElementById("player");
  var streamId = page.getAttribute("data-stream");
  var video = document.getElementById("video");
  var status = document.getElementById("status");
  var login = document.getElementById("login");
  var credentials = null;
  var hls = null;
  var playingUrl = null;
  var metrics = { streamId: Number(streamId), startupMs: null, errors: 0, rebufferMs: 0, liveEdgeSeconds: null };
  var requestedAt = 0;
  var stalledSince = 0;

  function show(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function ask() {
    var headers = { "Accept": "application/json" };
    if (credentials) {
      headers["Authorization"] = "Basic " + btoa(credentials.username + ":" + credentials.password);
    }
    fetch("/api/streams/" + streamId + "/playback", { headers: headers, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          login.hidden = false;
          show(credentials ? "Those credentials cannot watch this stream." : "Sign in with your line to watch.");
          return null;
        }
        if (response.status === 404) {
          show("No such stream.");
          return null;
        }
        return response.json();
      })
      .then(function (answer) {
        if (!answer) {
          return;
        }
        login.hidden = true;
        if (answer.state === "live" && answer.url) {
          play(answer.url);
        } else {
          show("The stream is offline. It starts here as soon as it goes live.");
          setTimeout(ask, 3000);
        }
      })
      .catch(function () {
        show("Cannot reach the server; trying again.");
        setTimeout(ask, 3000);
      });
  }

  function play(url) {
    if (url === playingUrl) {
      return;
    }
    playingUrl = url;
    show("Starting…");
    requestedAt = performance.now();
    if (hls) {
      hls.destroy();
      hls = null;
    }
    if (window.Hls && window.Hls.isSupported()) {
      hls = new window.Hls({ enableWorker: false, lowLatencyMode: false, liveSyncDurationCount: 3 });
      hls.on(window.Hls.Events.ERROR, function (event, data) {
        metrics.errors++;
        if (data.fatal) {
          hls.destroy();
          hls = null;
          playingUrl = null;
          show("Playback stopped; reconnecting.");
          setTimeout(ask, 2000);
        }
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = url;
    } else {
      show("This browser cannot play HLS.");
      return;
    }
    video.muted = true;
    video.play().catch(function () { /* autoplay refused: the controls start it */ });
  }

  video.addEventListener("playing", function () {
    if (metrics.startupMs === null && requestedAt) {
      metrics.startupMs = Math.round(performance.now() - requestedAt);
      report();
    }
    if (stalledSince) {
      metrics.rebufferMs += Math.round(performance.now() - stalledSince);
      stalledSince = 0;
    }
    show("");
  });
  video.addEventListener("waiting", function () {
    if (metrics.startupMs !== null && !stalledSince) {
      stalledSince = performance.now();
    }
  });

  function report() {
    if (hls && hls.liveSyncPosition !== null && hls.liveSyncPosition !== undefined) {
      metrics.liveEdgeSeconds = Math.max(0, Math.round((hls.liveSyncPosition - video.currentTime) * 10) / 10);
    }
    var body = JSON.stringify(metrics);
    metrics.errors = 0;
    metrics.rebufferMs = 0;
    fetch("/api/player-metrics", { method: "POST", headers: { "Content-Type": "application/json" }, body: body })
      .catch(function () { /* metrics are best effort */ });
  }
  setInterval(function () {
    if (playingUrl) {
      report();
    }
  }, 15000);

  login.addEventListener("submit", function (event) {
    event.preventDefault();
    credentials = { username: login.elements.username.value, password: login.elements.password.value };
    ask();
  });

  ask();
})();
