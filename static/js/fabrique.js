// Progressive enhancement only: every page reads and works without this file.
// Each feature checks for its markup and does nothing when it is absent.
(function () {
    "use strict";
    document.documentElement.classList.add("js");

    // Privacy-first videos: see video.js.

    // The header's search and phone menu are <details>, usable without this file. With
    // it, opening the search puts the cursor in its field (the reader opened it to type),
    // and Escape closes an open one and gives the focus back to its toggle, as a menu does.
    var disclosures = document.querySelectorAll("details.disclosure");
    disclosures.forEach(function (details) {
        details.addEventListener("toggle", function () {
            if (!details.open) {
                return;
            }
            var field = details.querySelector("input[type=search]");
            if (field) {
                field.focus();
            }
        });
    });
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" && event.key !== "Esc") {
            return;
        }
        var open = Array.prototype.filter.call(disclosures, function (details) {
            return details.open;
        });
        if (!open.length) {
            return;
        }
        // The one holding the focus first; otherwise every open one (opened by a click).
        var holding = open.filter(function (details) {
            return details.contains(document.activeElement);
        });
        var closing = holding.length ? holding : open;
        closing.forEach(function (details) {
            details.open = false;
        });
        var summary = closing[closing.length - 1].querySelector("summary");
        if (summary) {
            summary.focus();
        }
        event.preventDefault();
    });

    // "Copier le lien": without JavaScript the link stays a read-only field to select.
    document.querySelectorAll("[data-copy-link]").forEach(function (box) {
        var field = box.querySelector(".copy-link__field");
        var button = box.querySelector(".copy-link__button");
        var status = box.querySelector(".copy-link__status");
        if (!field || !button || !status) {
            return;
        }
        function done(ok) {
            status.textContent = ok ? box.dataset.copiedMessage : box.dataset.failedMessage;
        }
        field.addEventListener("focus", function () {
            field.select();
        });
        button.hidden = false;
        button.addEventListener("click", function () {
            field.focus();
            field.select();
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(field.value).then(function () {
                    done(true);
                }, function () {
                    done(false);
                });
                return;
            }
            var ok = false;
            try {
                ok = document.execCommand("copy");
            } catch (error) {
                ok = false;
            }
            done(ok);
        });
    });
})();
