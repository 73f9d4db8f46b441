/* The room's one script: live updates over Server-Sent Events, the ballot helpers.
   Everything a participant wrote is put into the page as text (textContent), never as HTML. */
(function () {
  "use strict";
  document.documentElement.className += " js";
  var body = document.body;
  var labels = {};
  var el = document.getElementById("labels");
  if (el) { try { labels = JSON.parse(el.textContent); } catch (e) { labels = {}; } }
  var groupBy = body.getAttribute("data-group-by");

  function text(node, sel, value) {
    var n = node.querySelector(sel);
    if (n) { n.textContent = value || ""; if (!value && n.tagName === "P") { n.hidden = true; } }
  }

  function column(card) {
    var wall = document.getElementById("wall");
    if (!groupBy) { return wall; }
    var key = card[groupBy] || "—";
    var cols = wall.querySelectorAll(".column");
    for (var i = 0; i < cols.length; i++) {
      if (cols[i].getAttribute("data-key") === key) { return cols[i].querySelector(".cards"); }
    }
    var tpl = document.getElementById("column-template");
    var col = tpl.content.firstElementChild.cloneNode(true);
    col.setAttribute("data-key", key);
    col.querySelector("h2").textContent = groupBy === "service" ? (labels[key] || key) : key;
    wall.appendChild(col);
    return col.querySelector(".cards");
  }

  function showCard(card) {
    var node = document.getElementById("card-" + card.id);
    if (!card.on_wall) { if (node) { node.parentNode.removeChild(node); } return; }
    if (!node) {
      var tpl = document.getElementById("card-template");
      if (!tpl) { return; }
      node = tpl.content.firstElementChild.cloneNode(true);
      node.id = "card-" + card.id;
      node.className += " new";
      column(card).appendChild(node);
    }
    text(node, ".num", "#" + card.id);
    text(node, ".service", labels[card.service] || card.service);
    text(node, ".village", card.village);
    text(node, ".group", card.group);
    text(node, ".text", card.text);
    text(node, ".who", card.who);
    var none = document.getElementById("no-cards");
    if (none) { none.hidden = true; }
  }

  function showRemark(r) {
    var node = document.getElementById("remark-" + r.id);
    if (r.withdrawn) { if (node) { node.parentNode.removeChild(node); } return; }
    var card = document.getElementById("card-" + r.card);
    if (!card) { return; }
    if (!node) {
      node = document.createElement("li");
      node.id = "remark-" + r.id;
      node.className = "remark " + r.type;
      var b = document.createElement("b");
      b.textContent = labels["remark:" + r.type] || r.type;
      node.appendChild(b);
      node.appendChild(document.createTextNode(" " + (r.text || "")));
      card.querySelector(".remarks").appendChild(node);
    }
  }

  function onMessage(msg) {
    var page = body.getAttribute("data-page");
    if (msg.cards && document.getElementById("wall")) { msg.cards.forEach(showCard); }
    if (msg.remarks && document.getElementById("wall")) { msg.remarks.forEach(showRemark); }
    if (msg.participants !== undefined) {
      var p = document.getElementById("participants");
      if (p) { p.textContent = msg.participants; }
    }
    if (msg.vote) {
      var n = document.getElementById("ballots");
      if (n) { n.textContent = msg.vote.n; }
      var shownVote = body.getAttribute("data-vote");
      var shownStatus = body.getAttribute("data-vote-status");
      var changed = String(msg.vote.id) !== shownVote || msg.vote.status !== shownStatus;
      if (changed && (page === "vote" || page === "screen-vote" || page === "wall")) {
        location.reload();
      }
    }
    if (msg.reload && page !== "trainer") { location.reload(); }
  }

  if (window.EventSource && body.getAttribute("data-page")) {
    var after = body.getAttribute("data-last-event") || "0";
    var source = new EventSource("/room/events?after=" + encodeURIComponent(after));
    var offline = document.getElementById("offline");
    source.onmessage = function (e) {
      try { onMessage(JSON.parse(e.data)); } catch (err) { /* a message we cannot read: skip */ }
    };
    source.onerror = function () { if (offline) { offline.hidden = false; } };
    source.onopen = function () { if (offline) { offline.hidden = true; } };
    body.setAttribute("data-live", "1");
  }

  /* a destructive action asks first (the server asks too, when there is no script) */
  document.addEventListener("submit", function (e) {
    var button = e.submitter || e.target.querySelector("[data-confirm]");
    var ask = button && button.getAttribute("data-confirm");
    if (ask) {
      if (!window.confirm(ask)) { e.preventDefault(); return; }
      var c = document.createElement("input");
      c.type = "hidden"; c.name = "confirm"; c.value = "yes";
      e.target.appendChild(c);
    }
  });

  /* dots: + and − buttons and the dots left */
  var ballot = document.getElementById("ballot-form");
  if (ballot && ballot.classList.contains("dots")) {
    var budget = parseInt(ballot.getAttribute("data-budget"), 10);
    var inputs = ballot.querySelectorAll("input[type=number]");
    var left = document.getElementById("dots-left");
    var update = function () {
      var used = 0;
      for (var i = 0; i < inputs.length; i++) { used += parseInt(inputs[i].value, 10) || 0; }
      if (left && budget) { left.textContent = budget - used; }
      return used;
    };
    ballot.addEventListener("click", function (e) {
      var b = e.target;
      if (b.tagName !== "BUTTON" || b.type !== "button") { return; }
      var input = b.parentNode.querySelector("input");
      var v = parseInt(input.value, 10) || 0;
      var max = parseInt(input.getAttribute("max"), 10);
      if (b.classList.contains("plus") && v < max && (!budget || update() < budget)) { input.value = v + 1; }
      if (b.classList.contains("minus") && v > 0) { input.value = v - 1; }
      update();
    });
    ballot.addEventListener("input", update);
    update();
  }

  /* ranking: tap the items in order */
  if (ballot && ballot.classList.contains("rank")) {
    var rows = ballot.querySelectorAll(".rank li");
    var order = [];
    var draw = function () {
      for (var i = 0; i < rows.length; i++) {
        var id = rows[i].getAttribute("data-item");
        var at = order.indexOf(id);
        rows[i].querySelector(".place").textContent = at >= 0 ? at + 1 : "";
        rows[i].querySelector("select").value = at >= 0 ? String(at + 1) : "";
        rows[i].classList.toggle("placed", at >= 0);
      }
    };
    var taken = [];
    for (var i = 0; i < rows.length; i++) {
      var v = rows[i].querySelector("select").value;
      if (v) { taken.push([parseInt(v, 10), rows[i].getAttribute("data-item")]); }
    }
    taken.sort(function (a, b) { return a[0] - b[0]; });
    order = taken.map(function (x) { return x[1]; });
    draw();
    for (var j = 0; j < rows.length; j++) {
      rows[j].addEventListener("click", function () {
        var id = this.getAttribute("data-item");
        var at = order.indexOf(id);
        if (at >= 0) { order.splice(at, 1); } else { order.push(id); }
        draw();
      });
    }
    var clear = document.getElementById("rank-clear");
    if (clear) { clear.addEventListener("click", function () { order = []; draw(); }); }
  }
})();
