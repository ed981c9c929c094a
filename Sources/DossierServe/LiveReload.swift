/// The script a served page loads (never written into the site): it keeps a WebSocket open to the
/// preview, reloads the page when a newer site is built, and shows the failed build's diagnostics
/// over the page until a build succeeds. Everything an editor wrote goes in through `textContent`.
enum LiveReload {
    /// Inserted before `</body>` of every HTML page served; `site` is the build the page is from.
    static func tag(prefix: String, site: Int) -> String {
        "<script src=\"\(prefix)__dossier/live.js\" data-site=\"\(site)\"></script>"
    }

    static let script = #"""
    (() => {
      "use strict";
      const me = document.currentScript;
      const site = Number(me.dataset.site);
      const address = new URL("live", me.src);
      address.protocol = address.protocol === "https:" ? "wss:" : "ws:";
      let overlay = null;

      function element(tag, style, text) {
        const node = document.createElement(tag);
        node.setAttribute("style", style);
        if (text !== undefined) node.textContent = text;
        return node;
      }

      function show(problems) {
        hide();
        overlay = element("div", "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.82);overflow:auto;padding:2rem 1rem;");
        overlay.id = "dossier-build-errors";
        overlay.setAttribute("role", "alert");
        overlay.setAttribute("dir", "ltr");
        overlay.setAttribute("lang", "en");
        const panel = element("div", "max-width:60rem;margin:0 auto;background:#fff;color:#111;border-top:.4rem solid #b00020;padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif;");
        const count = problems.length;
        panel.appendChild(element("h2", "margin:0 0 .75rem;font-size:1.2rem;color:#b00020;", `The build failed: ${count} error${count === 1 ? "" : "s"}. This page is the last good build.`));
        for (const p of problems) {
          const item = element("div", "margin:0 0 1rem;padding:0 0 1rem;border-bottom:1px solid #ddd;");
          item.className = "dossier-problem";
          const head = element("p", "margin:0;font-family:ui-monospace,monospace;white-space:pre-wrap;");
          head.appendChild(element("strong", "", p.location));
          head.appendChild(document.createTextNode(`: ${p.severity}: ${p.message}`));
          item.appendChild(head);
          if (p.source) {
            const source = element("pre", "margin:.5rem 0;padding:.5rem;background:#f4f4f4;overflow:auto;font-family:ui-monospace,monospace;");
            source.setAttribute("dir", "auto");
            source.textContent = p.source;
            item.appendChild(source);
          }
          if (p.hint) item.appendChild(element("p", "margin:.25rem 0 0;color:#333;", `hint: ${p.hint}`));
          panel.appendChild(item);
        }
        panel.appendChild(element("p", "margin:0;color:#555;", "Fix the file and save it: the page reloads by itself."));
        overlay.appendChild(panel);
        document.body.appendChild(overlay);
      }

      function hide() {
        if (overlay) overlay.remove();
        overlay = null;
      }

      function connect() {
        const socket = new WebSocket(address);
        socket.onmessage = (event) => {
          const status = JSON.parse(event.data);
          if (status.site > site) { location.reload(); return; }
          if (status.problems.length > 0) show(status.problems); else hide();
        };
        socket.onclose = () => setTimeout(connect, 1000);
      }
      connect();
    })();
    """#
}
