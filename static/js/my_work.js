/* My work: act on a letter without leaving the page.

   Every action on the page is an ordinary form that posts to the letter's endpoint with
   next= pointing back here, so it all works without this file. With it, a form is sent
   with fetch; on success the page is read again and its counts and list are swapped in
   place, the result is announced in the page's status region, and focus stays on the
   same letter (or the list, if the letter left it). On any other answer the form is
   submitted the ordinary way, which shows the server's error page with its error
   summary: bad input changes nothing, so sending it twice is safe. */
(function () {
  "use strict";

  var root = document.querySelector("[data-my-work]");
  if (!root || !window.fetch || !window.DOMParser || !window.FormData) {
    return;
  }
  var status = document.getElementById("my-work-status");
  var busy = false;

  function contentOf(doc) {
    return doc.querySelector("[data-my-work-content]");
  }

  function messageOf(doc) {
    var messages = doc.querySelector(".messages");
    return messages ? messages.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function focusAfterSwap(letterId, index) {
    var content = contentOf(document);
    var item = content.querySelector("[data-letter='" + letterId + "']");
    if (!item) {
      var items = content.querySelectorAll("[data-letter]");
      item = items[Math.min(index, items.length - 1)] || null;
    }
    // The letter's next action if it has one, else its link.
    var target = item ? (item.querySelector(".work-item__action button, " +
                                            ".work-item__action > summary") ||
                         item.querySelector("a")) : null;
    if (!target) {
      target = document.getElementById("work-heading");
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  function fallBack(form) {
    busy = false;
    // A plain submission, which the submit listener does not see: the server's own page.
    form.submit();
  }

  function swap(html, letterId, index) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = contentOf(doc);
    var current = contentOf(document);
    if (!fresh || !current) {
      window.location.reload();
      return;
    }
    current.replaceWith(fresh);
    status.textContent = messageOf(doc);
    focusAfterSwap(letterId, index);
    busy = false;
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-work-action]")) {
      return;
    }
    event.preventDefault();
    if (busy) {
      return;
    }
    busy = true;
    var item = form.closest("[data-letter]");
    var letterId = item ? item.getAttribute("data-letter") : "";
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-letter]"));
    var index = Math.max(items.indexOf(item), 0);
    var button = form.querySelector("button[type='submit'], button:not([type])");
    if (button) {
      button.disabled = true;
    }
    status.textContent = "";
    var done = false;  // the action was taken: never send it again
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("answered " + response.status);
      }
      done = true;
      // Success redirects to next=, this page: its answer is the page as it is now.
      if (response.redirected && new URL(response.url).pathname === window.location.pathname) {
        return response.text();
      }
      return fetch(window.location.href, { credentials: "same-origin" }).then(function (page) {
        if (!page.ok) {
          throw new Error("answered " + page.status);
        }
        return page.text();
      });
    }).then(function (html) {
      swap(html, letterId, index);
    }).catch(function () {
      if (done) {
        window.location.reload();
        return;
      }
      if (button) {
        button.disabled = false;
      }
      fallBack(form);
    });
  });
})();
