// Progressive enhancement only: every page reads and works without this file.
// Each feature checks for its markup and does nothing when it is absent.
(function () {
    "use strict";
    document.documentElement.classList.add("js");

    // Privacy-first videos: the provider's player is loaded only after a click.
    document.querySelectorAll(".video-embed[data-player-url]").forEach(function (figure) {
        var button = figure.querySelector(".video-embed__play");
        var placeholder = figure.querySelector(".video-embed__placeholder");
        if (!button || !placeholder) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            var iframe = document.createElement("iframe");
            iframe.src = figure.dataset.playerUrl;
            iframe.title = figure.dataset.playerTitle;
            iframe.className = "video-embed__player";
            iframe.allow = "autoplay; fullscreen; picture-in-picture";
            iframe.allowFullscreen = true;
            iframe.referrerPolicy = "strict-origin-when-cross-origin";
            placeholder.replaceWith(iframe);
            iframe.focus();
        });
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
