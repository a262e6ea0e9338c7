// Privacy-first video players (templates/includes/video_player.html): nothing is loaded
// from the provider until the reader clicks "Lire la vidéo". Without this file the page
// keeps a link to the provider and chapter links open the provider's page at that time.
(function () {
    "use strict";

    function withAutoplay(url) {
        // The reader asked to play: start at once (Twitch takes "true", others "1").
        if (url.indexOf("autoplay=false") !== -1) {
            return url.replace("autoplay=false", "autoplay=true");
        }
        var hash = url.indexOf("#");
        var base = hash === -1 ? url : url.slice(0, hash);
        var fragment = hash === -1 ? "" : url.slice(hash);
        return base + (base.indexOf("?") === -1 ? "?" : "&") + "autoplay=1" + fragment;
    }

    function load(figure, url) {
        var iframe = figure.querySelector("iframe.video-player__frame");
        if (!iframe) {
            iframe = document.createElement("iframe");
            iframe.className = "video-player__frame video-embed__player";
            iframe.title = figure.dataset.playerTitle;
            iframe.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
            iframe.allowFullscreen = true;
            iframe.referrerPolicy = "strict-origin-when-cross-origin";
            iframe.src = withAutoplay(url);
            figure.querySelector(".video-player__placeholder").replaceWith(iframe);
        } else {
            iframe.src = withAutoplay(url);
        }
        iframe.focus();
        return iframe;
    }

    function seek(figure, iframe, seconds) {
        // Seek the loaded player by message where the provider's API allows it.
        var origin = figure.dataset.playerOrigin;
        if (figure.dataset.seek === "youtube") {
            iframe.contentWindow.postMessage(JSON.stringify(
                {event: "command", func: "seekTo", args: [seconds, true]}
            ), origin);
            iframe.contentWindow.postMessage(JSON.stringify(
                {event: "command", func: "playVideo", args: []}
            ), origin);
            return true;
        }
        if (figure.dataset.seek === "vimeo") {
            iframe.contentWindow.postMessage({method: "setCurrentTime", value: seconds}, origin);
            iframe.contentWindow.postMessage({method: "play"}, origin);
            return true;
        }
        return false;
    }

    document.querySelectorAll("[data-video-player][data-player-url]").forEach(function (figure) {
        var button = figure.querySelector(".video-player__play");
        if (!button) {
            return;
        }
        button.hidden = false;
        // The notice now speaks of the button it describes, not of the link alone.
        var withScript = figure.querySelector("[data-notice-with-script]");
        var withoutScript = figure.querySelector("[data-notice-without-script]");
        if (withScript && withoutScript) {
            withScript.hidden = false;
            withoutScript.hidden = true;
        }
        button.addEventListener("click", function () {
            load(figure, figure.dataset.playerUrl);
        });
    });

    document.querySelectorAll("a[data-chapter-of]").forEach(function (link) {
        var figure = document.getElementById(link.dataset.chapterOf);
        if (!figure || !figure.dataset.playerUrl) {
            return;
        }
        link.addEventListener("click", function (event) {
            event.preventDefault();
            var iframe = figure.querySelector("iframe.video-player__frame");
            var seconds = parseInt(link.dataset.start, 10) || 0;
            if (iframe && seek(figure, iframe, seconds)) {
                figure.scrollIntoView({block: "nearest"});
                iframe.focus();
                return;
            }
            load(figure, link.dataset.playerUrl);
            figure.scrollIntoView({block: "nearest"});
        });
    });
})();
