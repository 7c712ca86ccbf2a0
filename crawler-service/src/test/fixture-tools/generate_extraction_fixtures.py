#!/usr/bin/env python3
"""Writes the main-content extraction fixtures: each hand-written article body (articles.py)
wrapped in one of twelve hand-written site layouts with realistic boilerplate. Produces
NN-slug.html and NN-slug.expected.txt (the text a reader would call the article, title excluded).
Run from this folder: python3 generate_extraction_fixtures.py"""
import html, os, re
from articles import ARTICLES

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "extraction")
e = html.escape

def body_html(blocks):
    out = []
    for kind, payload in blocks:
        if kind == "p":
            out.append(f"<p>{e(payload)}</p>")
        elif kind in ("h2", "h3"):
            out.append(f"<{kind}>{e(payload)}</{kind}>")
        elif kind in ("ul", "ol"):
            out.append(f"<{kind}>" + "".join(f"<li>{e(i)}</li>" for i in payload) + f"</{kind}>")
        elif kind == "pre":
            out.append(f'<pre><code class="language-java">{e(payload)}</code></pre>')
        elif kind == "blockquote":
            out.append(f"<blockquote><p>{e(payload)}</p></blockquote>")
    return "\n".join(out)

def br_body(blocks):
    # old hand-made sites: text separated by <br>, headings in <b>
    out = []
    for kind, payload in blocks:
        if kind in ("h2", "h3"):
            out.append(f"<b>{e(payload)}</b><br>")
        elif kind in ("ul", "ol"):
            out.append("<br>".join("* " + e(i) for i in payload) + "<br><br>")
        elif kind == "pre":
            out.append(f"<pre>{e(payload)}</pre>")
        else:
            out.append(e(payload) + "<br><br>")
    return "\n".join(out)

def expected_text(blocks):
    parts = []
    for kind, payload in blocks:
        parts.append("\n".join(payload) if isinstance(payload, list) else payload)
    return "\n\n".join(parts) + "\n"

COOKIE = '<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience, analyse traffic and show you personalised content. By continuing to browse this site you agree to our use of cookies.</p><button>Accept all</button><a href="/privacy">Privacy policy</a></div>'
NAV = '<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/blog">Blog</a></li><li><a href="/talks">Talks</a></li><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li></ul></nav>'
COMMENTS = '''<section class="comments" id="comments"><h3>4 Comments</h3>
<div class="comment"><p class="comment-author">Marta K.</p><p>Thanks for writing this up, it matches my experience almost exactly. I would add that it takes a while before the team notices the difference, so give it a few months before judging.</p></div>
<div class="comment"><p class="comment-author">dev_guy_88</p><p>Great post! Do you have a follow-up planned? I would love to read more about how you handled the edge cases you mentioned in the second section.</p></div>
<div class="comment"><p class="comment-author">Sam</p><p>Bookmarked. Sharing this with my whole team tomorrow morning, because we have been arguing about exactly this for weeks now.</p></div>
<form class="comment-form"><textarea placeholder="Leave a reply"></textarea><button>Post comment</button></form></section>'''
RELATED = '<div class="related-posts"><h3>You might also like</h3><ul><li><a href="/p/1">Ten lessons from ten years of blogging</a></li><li><a href="/p/2">My favourite tools this year</a></li><li><a href="/p/3">How I organise my notes</a></li><li><a href="/p/4">A reading list for new engineers</a></li></ul></div>'
NEWSLETTER = '<div class="newsletter-signup"><h3>Enjoyed this post?</h3><p>Subscribe to my newsletter and get new posts delivered to your inbox every other week, along with a short list of links I found interesting. No spam, unsubscribe any time.</p><form><input type="email"><button>Subscribe</button></form></div>'
SHARE = '<div class="share-buttons"><span>Share this:</span> <a href="#">Twitter</a> <a href="#">LinkedIn</a> <a href="#">Facebook</a> <a href="#">Email</a></div>'
FOOTER = '<footer class="site-footer"><p>Copyright 2024 Alex Example. All opinions are my own and do not represent my employer in any way whatsoever.</p><p><a href="/rss">RSS</a> · <a href="/privacy">Privacy</a> · <a href="/imprint">Imprint</a></p></footer>'
SIDEBAR = '<aside class="sidebar"><div class="widget about-widget"><h4>About me</h4><p>I am a software engineer living in a small town by the sea. I write about distributed systems, running, baking bread and whatever else keeps me up at night.</p></div><div class="widget"><h4>Archives</h4><ul><li><a href="/2024">2024</a></li><li><a href="/2023">2023</a></li><li><a href="/2022">2022</a></li></ul></div></aside>'
ADS = '<div class="ad-slot" id="ad-top"><p>Advertisement: Try CloudHost Pro free for thirty days, the hosting platform trusted by over a million developers around the globe.</p></div>'

def head(title, date, lang="en", site="Alex Example"):
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)} | {site}</title><meta name="viewport" content="width=device-width"><meta property="article:published_time" content="{date}T08:00:00Z"><link rel="stylesheet" href="/style.css"><script>window.dataLayer=[];function gtag(){{dataLayer.push(arguments)}}</script></head>'

def wordpress(t, d, b, blocks):
    return head(t, d) + f'''<body class="post-template-default single single-post">{COOKIE}<div id="page" class="site"><header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">Alex Example</a></p><p class="site-description">Notes on software and life</p></div>{NAV}</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main"><article id="post-42" class="post type-post status-publish"><header class="entry-header"><h1 class="entry-title">{e(t)}</h1><div class="entry-meta"><span class="posted-on">Posted on <time datetime="{d}">{d}</time></span> by <span class="author">Alex</span></div></header>
<div class="entry-content">{b}</div><footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/notes">Notes</a></span> <span class="tags-links">Tagged <a href="/t/a">craft</a>, <a href="/t/b">lessons</a></span></footer></article>
{SHARE}<nav class="navigation post-navigation"><a href="/prev">Previous post</a> <a href="/next">Next post</a></nav>{COMMENTS}</main></div>{SIDEBAR}</div>{FOOTER}</div><script src="/wp-includes/js/app.js"></script></body></html>'''

def ghost(t, d, b, blocks):
    return head(t, d) + f'''<body class="post-template"><div class="gh-viewport"><header class="gh-head"><a class="gh-head-logo" href="/">Field Notes</a>{NAV}<a class="gh-head-button" href="#/portal/signup">Subscribe</a></header>
<main class="gh-main"><article class="gh-article post"><header class="gh-article-header"><span class="gh-article-tag">Engineering</span><h1 class="gh-article-title">{e(t)}</h1><div class="gh-article-meta"><time datetime="{d}">{d}</time> — 6 min read</div></header>
<section class="gh-content gh-canvas">{b}</section></article>{NEWSLETTER}
<section class="gh-read-next"><h3>Read next</h3><article><a href="/x"><h4>Another story worth reading</h4></a></article><article><a href="/y"><h4>The week in review</h4></a></article></section></main>{FOOTER}</div></body></html>'''

def hugo(t, d, b, blocks):
    return head(t, d) + f'''<body><div class="container"><div class="header-bar"><a href="/">~/alex</a> <a href="/posts">posts</a> <a href="/tags">tags</a> <a href="/index.xml">rss</a></div>
<main><h1>{e(t)}</h1><div class="post-meta">{d} · 4 minute read · <a href="/tags/notes">#notes</a></div>
<div class="post-content">{b}</div>
<div class="pagination"><a href="/prev">← Older</a> <a href="/next">Newer →</a></div></main>
<div class="bottom">Made with Hugo · theme by someone nice · <a href="/privacy">privacy</a></div></div></body></html>'''

def medium_like(t, d, b, blocks):
    return head(t, d) + f'''<body><div id="root"><div class="metabar"><a href="/">Medium</a><a href="/signin">Sign in</a><a href="/get-started">Get started</a></div>{ADS}
<article><div class="section-content"><h1 class="graf-title">{e(t)}</h1><div class="postMetaLockup"><a href="/@alex">Alex Example</a> <span>Follow</span> <time datetime="{d}">{d}</time> · 5 min read</div>
<div class="section-inner">{b}</div></div></article>
<div class="clap-bar"><button>Clap</button><span>1.2K claps</span><button>Respond</button></div>
<div class="responses-section"><h3>Responses (12)</h3><div class="response"><p>This is exactly the kind of practical write-up I was looking for. Clear, honest and short enough to read on the bus this morning.</p></div><div class="response"><p>I disagree with the middle part, but the conclusion is spot on. Would love to hear how this works out after a year.</p></div></div>
<div class="recommended"><h3>More from Alex Example</h3><ul><li><a href="/a">Why I write every day</a></li><li><a href="/b">Notes on remote work</a></li><li><a href="/c">The tools I use</a></li></ul></div></div></body></html>'''

def substack_like(t, d, b, blocks):
    return head(t, d) + f'''<body><div class="main-menu"><a href="/">The Weekly Byte</a><a href="/archive">Archive</a><a href="/about">About</a><button>Subscribe</button><a href="/signin">Sign in</a></div>
<div class="single-post"><div class="post-header"><h1 class="post-title">{e(t)}</h1><div class="post-meta"><a href="/profile/alex">Alex Example</a> <time datetime="{d}">{d}</time></div></div>
<div class="available-content"><div class="body markup">{b}</div></div>
<div class="subscription-widget-wrap"><p class="subscription-widget-subtitle">Thanks for reading The Weekly Byte! Subscribe for free to receive new posts and support my work every single week.</p><form><input type="email"><button>Subscribe</button></form></div>
<div class="post-footer"><button>Like</button><button>Comment</button><button>Restack</button></div>
<div class="comments-page"><h3>Discussion about this post</h3><div class="comment-body"><p>Lovely piece. The part about small habits really hit home for me this week, thank you for writing it.</p></div></div></div>
<div class="footer-wrap"><p>© 2024 Alex Example · Privacy · Terms · Collection notice</p><p>Substack is the home for great culture</p></div></body></html>'''

def devto_like(t, d, b, blocks):
    return head(t, d) + f'''<body class="default-header"><header class="crayons-header"><a href="/">DEV</a><input placeholder="Search..."><a href="/enter">Log in</a><a href="/enter?state=new">Create account</a></header>
<div class="crayons-layout"><aside class="crayons-layout__sidebar-left"><div class="reactions"><button>❤ 48</button><button>🦄 12</button><button>🔖 30</button></div></aside>
<main id="main-content"><article class="crayons-card"><div class="crayons-article__header"><h1>{e(t)}</h1><div class="crayons-article__subheader"><a href="/alex">Alex Example</a> Posted on <time datetime="{d}">{d}</time></div><div class="tags"><a href="/t/java">#java</a><a href="/t/programming">#programming</a></div></div>
<div class="crayons-article__main"><div class="crayons-article__body text-styles" id="article-body">{b}</div></div></article>
<section id="comments" class="discussion"><h2>Top comments (3)</h2><div class="comment__body"><p>Really useful explanation, saved for later. I ran into the same thing last month and wish I had read this first.</p></div><div class="comment__body"><p>Nice write-up! One small typo in the third paragraph, but otherwise excellent.</p></div></section></main>
<aside class="crayons-layout__sidebar-right"><div class="crayons-card"><h3>More from Alex Example</h3><a href="/1">Understanding closures</a><a href="/2">Git tips I use daily</a></div></aside></div>{FOOTER}</body></html>'''

def news_site(t, d, b, blocks):
    return head(t, d) + f'''<body>{COOKIE}<div class="top-bar"><a href="/subscribe">Subscribe for 1 euro</a> <a href="/login">Log in</a></div><header class="header">{NAV}</header>{ADS}
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/opinion">Opinion</a></div>
<div class="article-wrapper"><h1 class="headline">{e(t)}</h1><p class="byline">By Alex Example · <time datetime="{d}">{d}</time></p>
<div class="article-body" itemprop="articleBody">{b}</div></div>
<div class="ad-slot" id="ad-bottom"><p>Advertisement: The smarter way to save for retirement starts today with zero fees for the first year.</p></div>
{RELATED}<div class="most-read"><h3>Most read</h3><ol><li><a href="/1">City council approves new bike lanes</a></li><li><a href="/2">Local bakery wins national award</a></li><li><a href="/3">Storm expected this weekend</a></li></ol></div>{FOOTER}</body></html>'''

def table_layout(t, d, b, blocks):
    return head(t, d) + f'''<body bgcolor="#ffffff"><table width="100%"><tr><td colspan="2"><font size="5">Alex's Homepage</font><br><a href="/">home</a> | <a href="/links.html">links</a> | <a href="/guestbook.html">guestbook</a></td></tr>
<tr><td width="150" valign="top"><a href="/">Home</a><br><a href="/writing.html">Writing</a><br><a href="/photos.html">Photos</a><br><a href="/contact.html">Contact</a></td>
<td valign="top"><h1>{e(t)}</h1><i>{d}</i>{b}</td></tr>
<tr><td colspan="2"><small>You are visitor number 004211. Best viewed in any browser. Last updated {d}.</small></td></tr></table></body></html>'''

def br_site(t, d, b_unused, blocks):
    return head(t, d) + f'''<body><div class="top"><a href="/">home</a> - <a href="/essays">essays</a> - <a href="/now">now</a></div>
<div class="c1"><h1>{e(t)}</h1><div class="d">{d}</div><div class="txt">{br_body(blocks)}</div></div>
<div class="c2"><a href="/essays/prev">previous essay</a> | <a href="/essays/next">next essay</a></div>
<div class="c3">Written by Alex. Contact me by email if you have thoughts on this essay.</div></body></html>'''

def docs_site(t, d, b, blocks):
    return head(t, d) + f'''<body><div class="wy-grid-for-nav"><nav class="wy-nav-side"><div class="wy-side-scroll"><a href="/">Engineering Handbook</a><div class="toc"><ul><li><a href="#a">Getting started</a></li><li><a href="#b">Guides</a></li><li><a href="#c">Reference</a></li><li><a href="#d">FAQ</a></li></ul></div></div></nav>
<section class="wy-nav-content-wrap"><div class="wy-nav-content"><div role="navigation" aria-label="breadcrumbs"><a href="/">Docs</a> » Guides</div>
<div class="document" role="main"><div class="section"><h1>{e(t)}</h1>{b}</div></div>
<div class="rst-footer-buttons"><a href="/prev">Previous</a><a href="/next">Next</a></div><div class="copyright"><p>© Copyright 2024, the handbook authors. Built with Sphinx using a theme provided by Read the Docs.</p></div></div></section></div></body></html>'''

def blogger(t, d, b, blocks):
    return head(t, d) + f'''<body><div class="navbar section"><a href="https://example.invalid/">Create blog</a> <a href="/signin">Sign in</a></div>
<div class="outer-wrapper"><div class="header-outer"><h2 class="blog-title"><a href="/">Adventures of Alex</a></h2><p class="description">Small stories, big kilometres</p></div>
<div class="main-outer"><div class="date-outer"><h2 class="date-header"><span>{d}</span></h2><div class="post-outer"><div class="post hentry"><h3 class="post-title entry-title">{e(t)}</h3>
<div class="post-body entry-content">{b}</div><div class="post-footer"><span class="post-author">Posted by Alex at 9:14 PM</span> <span class="post-labels">Labels: <a href="/l/life">life</a></span></div></div>
<div class="comments" id="comments"><h4>2 comments:</h4><dl class="comments-block"><dt>Anonymous said...</dt><dd><p>What a lovely read, it brought back memories of my own trip many years ago with my brother and our old dog.</p></dd></dl></div></div></div></div>
<div class="sidebar-outer"><div class="widget Profile"><h2>About Me</h2><p>Walker, writer, occasional programmer. This blog is where I keep notes so I do not forget the good days.</p></div><div class="widget BlogArchive"><h2>Blog Archive</h2><ul><li><a href="/2021">2021 (12)</a></li><li><a href="/2020">2020 (9)</a></li></ul></div></div></div>
<div class="footer-outer">Powered by Blogger.</div></body></html>'''

def plain_divs(t, d, b, blocks):
    # no semantic tags and no helpful class names anywhere: link density and text mass must do it
    return head(t, d, lang="en-GB") + f'''<body><div class="x9"><div class="x1"><a href="/">alex.example</a> <a href="/work">work</a> <a href="/writing">writing</a> <a href="/about">about</a></div>
<div class="x2"><div class="x3"><h1>{e(t)}</h1><div class="x4">{d}</div>{b}</div>
<div class="x5"><div class="x6"><a href="/writing/one">Earlier: a note on tools</a></div><div class="x6"><a href="/writing/two">Later: on slowing down</a></div><div class="x6"><a href="/writing">All writing</a></div></div></div>
<div class="x7"><a href="https://example.invalid/alex">Mastodon</a> <a href="https://example.invalid/gh">GitHub</a> <a href="/feed.xml">Feed</a></div></div></body></html>'''

LAYOUTS = [wordpress, ghost, hugo, medium_like, substack_like, devto_like, news_site, table_layout, br_site, docs_site, blogger, plain_divs]

def slug(t):
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")[:40]

os.makedirs(OUT, exist_ok=True)
for i, (title, date, blocks) in enumerate(ARTICLES, start=1):
    layout = LAYOUTS[(i - 1) % len(LAYOUTS)]
    name = f"{i:02d}-{layout.__name__.replace('_', '-')}-{slug(title)}"
    with open(os.path.join(OUT, name + ".html"), "w", encoding="utf-8") as f:
        f.write(layout(title, date, body_html(blocks), blocks))
    with open(os.path.join(OUT, name + ".expected.txt"), "w", encoding="utf-8") as f:
        f.write(f"title: {title}\n\n" + expected_text(blocks))
print(len(ARTICLES), "fixtures written to", os.path.normpath(OUT))
