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
})();
