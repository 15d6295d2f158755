/// The room's page style and script: large type for a projector, a dark
/// high-contrast variant, and a script that follows the server's change
/// events and counts the timer down between them.
extension RoomPage {
    static let css = """
        body{max-width:none;margin:0;padding:0;font-size:19px}
        main.room{padding:1rem 2rem 2rem;min-height:100vh;box-sizing:border-box}
        main.room header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.4rem 2rem}
        main.room h1{font-size:2.2rem;margin:0}
        main.room h2{font-size:1.5rem}
        .meta{color:var(--muted);font-size:.9em}
        .timer{margin-left:auto;font-size:3rem;font-weight:800;font-variant-numeric:tabular-nums;
        border:3px solid var(--ink);border-radius:.5rem;padding:0 .8rem}
        .timer.up{color:var(--bad);border-color:var(--bad)}
        .columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 2rem}
        figure{background:#fff}
        main.contrast figure{background:#000}
        ul.tally{list-style:none;padding:0;margin:.4rem 0}
        ul.tally li{display:grid;grid-template-columns:8rem 1fr 3rem;align-items:center;gap:.6rem;margin:.3rem 0}
        ul.tally .bar{display:block;height:1.1rem;background:var(--good);min-width:2px}
        ul.tally .count{font-weight:700;text-align:right}
        #vote{border:3px solid var(--ink);border-radius:.5rem;padding:0 1rem 1rem;margin:1rem 0}
        #vote button{font-size:1.3rem;margin:.3rem .6rem .3rem 0;padding:.4rem 1.2rem;border-radius:.4rem;
        border:2px solid var(--ink);background:#fff;color:var(--ink);cursor:pointer}
        #offline{display:none;position:fixed;bottom:0;left:0;right:0;margin:0;padding:.5rem 2rem;
        background:var(--bad);color:#fff;font-weight:700}
        body.offline #offline{display:block}
        main.contrast{--ink:#fff;--muted:#e6e6e6;--line:#fff;--good:#4dff88;--bad:#ff6b6b;background:#000;color:#fff;
        font-size:1.2em;font-weight:600}
        main.contrast th{background:#222}
        main.contrast .node text,main.contrast .node .owner{fill:#000}
        main.contrast .node .goal.good{fill:#1a7f37}main.contrast .node .goal.bad{fill:#c4302b}
        main.contrast .edge{stroke:#d0d7de}main.contrast .arrowhead{fill:#d0d7de}
        main.contrast .lag{fill:#fff;stroke:#000}
        main.contrast .goalbar .track{fill:#3d444d}main.contrast .goalbar .target{stroke:#fff}
        main.contrast #vote button{background:#000;color:#fff}
        @media (max-width:40rem){main.room{padding:.5rem 1rem}.timer{font-size:2rem}
        #tree figure svg{max-width:none;width:56rem}}

        """

    static let script = """
        (function(){
        var live=document.getElementById('live'),t=live.dataset.token,q=t?'?token='+encodeURIComponent(t):'';
        var rev=+live.dataset.revision,ends=null;
        function two(n){return n<10?'0'+n:''+n}
        function arm(){var el=document.getElementById('timer');ends=el?Date.now()+(+el.dataset.left)*1000:null;tick()}
        function tick(){var el=document.getElementById('timer');if(!el||ends===null)return;
        var s=Math.max(0,Math.round((ends-Date.now())/1000));
        el.firstChild.textContent=s>0?(s>=3600?Math.floor(s/3600)+':'+two(Math.floor(s/60)%60):Math.floor(s/60))+':'+two(s%60):"time's up";
        if(s===0)el.className='timer up'}
        setInterval(tick,1000);arm();
        function load(r){fetch('/body'+q,{cache:'no-store',credentials:'same-origin'})
        .then(function(x){if(!x.ok)throw x;return x.text()})
        .then(function(h){live.innerHTML=h;rev=r;live.dataset.revision=r;arm()}).catch(function(){})}
        var es=new EventSource('/events'+q);
        es.addEventListener('change',function(ev){var r=+ev.data;if(r!==rev)load(r)});
        es.onopen=function(){document.body.classList.remove('offline')};
        es.onerror=function(){document.body.classList.add('offline')};
        })();

        """
}
