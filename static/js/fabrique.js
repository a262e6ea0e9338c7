// Progressive enhancement only: every page reads and works without this file.
// Each feature checks for its markup and does nothing when it is absent.
(function () {
    "use strict";
    document.documentElement.classList.add("js");

    // Privacy-first videos: see video.js.

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
