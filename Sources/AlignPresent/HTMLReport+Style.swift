/// The report's style sheet: system fonts only, team colours that survive a
/// black-and-white printer (each team's boxes differ in shade too), and
/// print rules that keep pictures and tables whole on a page.
extension HTMLReport {
    static let css = """
        :root{--ink:#1f2328;--muted:#59636e;--line:#d0d7de;--good:#1a7f37;--bad:#c4302b}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
        color:var(--ink);max-width:76rem;margin:2rem auto;padding:0 1.5rem;line-height:1.45}
        header{border-bottom:3px solid var(--ink);margin-bottom:1.5rem}
        h1{font-size:2rem;margin:0 0 .4rem}
        h2{font-size:1.35rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin:2rem 0 .6rem}
        h3{font-size:1.05rem;margin:1rem 0 .4rem}
        p{margin:.35rem 0}
        p.overview{color:var(--muted);margin:.2rem 0 .6rem}
        table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}
        th,td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        td.name{font-weight:600}
        .good{color:var(--good);font-weight:600}
        .bad{color:var(--bad);font-weight:600}
        .dim{color:var(--muted)}
        pre{background:#f6f8fa;padding:.6rem;overflow-x:auto}
        figure{margin:.8rem 0;overflow-x:auto}
        figcaption,.legend{color:var(--muted);font-size:.88rem}
        #decisions td:nth-child(2){font-weight:600}
        ol.notes li,ol.parked li{margin:.25rem 0}
        @media (max-width:40rem){body{margin:1rem auto;padding:0 .8rem}h1{font-size:1.6rem}
        figure.tree svg{max-width:none;width:56rem}
        table,tbody,tr,td{display:block}table{border:0}
        thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        tr{border:1px solid var(--line);margin:.5rem 0;padding:.2rem 0}
        td,td.n{border:0;padding:.1rem .6rem;text-align:left}
        td:empty{display:none}td::before{content:attr(data-label) ": ";font-weight:400;color:var(--muted)}}
        svg{max-width:100%;height:auto}
        svg text{font-family:inherit;font-size:12px;fill:var(--ink)}
        .node rect{fill:#fff;stroke:#8c959f;stroke-width:1.2}
        .node .name{font-size:14px;font-weight:700}
        .node .value{font-size:13px}
        .node .owner{font-size:11px;fill:var(--muted)}
        .node .goal{font-size:12px;font-weight:600}
        .goal.good{fill:var(--good)}.goal.bad{fill:var(--bad)}.goal.unknown{fill:var(--muted)}
        .node.met rect{stroke:var(--good);stroke-width:2.5}
        .node.missed rect{stroke:var(--bad);stroke-width:2.5}
        .node.repeated rect{fill:#f6f8fa;stroke-dasharray:4 3}
        .more rect{fill:none;stroke:#8c959f;stroke-dasharray:2 3}
        .more text{font-style:italic;fill:var(--muted)}
        .edge{fill:none;stroke:#6e7781;stroke-width:1.6}
        .edge.link{stroke-dasharray:7 5}
        .arrowhead{fill:#6e7781}
        .lag{font-size:11px;font-weight:600;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:4px}
        .band{font-size:13px;font-weight:600;fill:var(--muted)}
        .t0 rect,.swatch.t0{fill:#dbe9ff;background:#dbe9ff}
        .t1 rect,.swatch.t1{fill:#ffe5cc;background:#ffe5cc}
        .t2 rect,.swatch.t2{fill:#d8f3dc;background:#d8f3dc}
        .t3 rect,.swatch.t3{fill:#eadcff;background:#eadcff}
        .t4 rect,.swatch.t4{fill:#fff3b0;background:#fff3b0}
        .t5 rect,.swatch.t5{fill:#cff4f4;background:#cff4f4}
        .t-none rect,.swatch.t-none{fill:#fff;background:#fff}
        .swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #8c959f;border-radius:2px;
        margin:0 .3em 0 .6em;vertical-align:-.1em}
        .goalbar .goalname{font-size:14px;font-weight:700}
        .goalbar .about{font-size:12px;fill:var(--muted)}
        .goalbar .track{fill:#eaeef2}
        .goalbar.met .bar{fill:var(--good)}
        .goalbar.missed .bar{fill:var(--bad)}
        .goalbar .target{stroke:var(--ink);stroke-width:3}
        .goalbar .figure{font-size:14px;font-weight:700}
        .goalbar.met .gap{fill:var(--good)}.goalbar.missed .gap{fill:var(--bad)}.goalbar.unknown .gap{fill:var(--muted)}
        footer{margin-top:3rem;padding-top:.5rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
        @page{margin:14mm}
        @media print{
        body{max-width:none;margin:0;padding:0;font-size:10.5pt}
        section{break-inside:auto}
        h2,h3{break-after:avoid}
        figure,table,tr{break-inside:avoid}
        figure{overflow:visible}
        }

        """
}
