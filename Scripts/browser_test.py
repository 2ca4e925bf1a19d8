"""Drives the search page of a running `semhash serve` in Debian's Chromium (Playwright, see test-browser.sh).

Usage: browser_test.py BASE_URL QUESTION SCREENSHOT_DIR
Types QUESTION (plus a word no vocabulary has), sees hits and the unknown word, moves through the hits with
the keyboard, searches again from the Search button, goes Back from a second question to the first, opens
"more like this", a document, the topics with their map and one topic, checks the
error state and Esc on a first view, and saves screenshots of the answer on a desktop and a phone screen and of the topics. Exits non-zero on failure.
"""
import sys
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect, sync_playwright

base, question, shots = sys.argv[1], sys.argv[2], sys.argv[3]
unknown = "zzyzxq"


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok -", what)


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    # A failed API request logs "Failed to load resource" (the error-state check makes one on purpose); any
    # other console error, or an uncaught exception, fails the test.
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(base)
    expect(page.locator(".message h2")).to_have_text("Ask a question")
    check(True, "the empty page says what to do")

    page.locator("#q").press_sequentially(question + " " + unknown, delay=40)
    hits = page.locator(".hits .hit")
    expect(hits.first).to_be_visible(timeout=10_000)
    check(hits.count() > 0, f"typing '{question}' shows {hits.count()} hits without pressing Enter")
    expect(page.locator("#status .oov")).to_contain_text(unknown)
    check(True, "the word outside the vocabulary is named")
    shared = parse_qs(urlparse(page.url).query)
    check(shared.get("q") == [question + " " + unknown], "the address holds the question: " + page.url)
    first = hits.first
    for part in [".rank", "h2 a.open", ".meta .distance", "a.more"]:
        check(first.locator(part).count() == 1, f"a hit shows {part}")

    page.locator("#q").press("ArrowDown")
    expect(hits.nth(0)).to_have_class("hit selected")
    page.keyboard.press("j")
    expect(hits.nth(1)).to_have_class("hit selected")
    check(True, "arrow and j keys move through the hits")

    page.locator("#search button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text(" by ")
    check("doc" not in parse_qs(urlparse(page.url).query), "Enter on the Search button searches, not opens the selected hit")

    page.reload()
    expect(hits.first).to_be_visible()
    check(page.locator("#q").input_value() == question + " " + unknown, "a reloaded address searches again")

    second = question.split()[-1]
    page.locator("#q").fill("")
    page.locator("#q").press_sequentially(second, delay=40)
    page.locator("#q").press("Enter")
    expect(page.locator("#status")).to_contain_text(" by ")
    check(parse_qs(urlparse(page.url).query).get("q") == [second], "a second question typed and entered: " + page.url)
    page.go_back()
    expect(page.locator("#q")).to_have_value(question + " " + unknown)
    check(True, "Back returns to the question before")

    title = first.locator("h2 a.open").inner_text()
    first.locator("a.more").click()
    expect(page.locator("#status")).to_contain_text("Documents like")
    expect(hits.first).to_be_visible()
    check("similar" in parse_qs(urlparse(page.url).query), f"'more like this' lists documents like '{title}'")

    hits.first.locator("h2 a.open").click()
    expect(page.locator("article.document h1")).to_be_visible()
    check(page.locator("article.document pre").inner_text().strip() != "", "a document opens with its text")

    page.keyboard.press("t")
    topics = page.locator(".topics .topic")
    expect(topics.first).to_be_visible()
    check(topics.count() > 0, f"the topics view lists {topics.count()} topics")
    page.locator("#show-map").click()
    map_image = page.locator(".map img")
    expect(map_image).to_be_visible()
    # Polled through Playwright's own expectations: the page's Content-Security-Policy forbids evaluating strings,
    # which wait_for_function's polling does.
    expect(map_image).to_have_js_property("complete", True, timeout=60_000)
    expect(page.locator(".map [role=status]")).to_have_count(0, timeout=60_000)
    check(map_image.evaluate("image => image.naturalWidth") > 0, "the topic map image has loaded")
    check(True, "the topic map is drawn on demand")
    page.screenshot(path=f"{shots}/serve-topics.png", full_page=False)
    page.locator('.topics .topic:not([data-topic="-1"])').first.locator("h2 a.open").click()
    expect(page.locator("#status")).to_contain_text("Topic ")
    expect(hits.first).to_be_visible()
    check(hits.count() > 0, "a topic opens with its documents nearest the centre")

    alone = browser.new_page()
    alone.goto(base + "?q=" + question.replace(" ", "+"))
    expect(alone.locator(".hits .hit").first).to_be_visible()
    alone.locator("main").click(position={"x": 5, "y": 5})
    alone.keyboard.press("Escape")
    expect(alone.locator(".message h2")).to_have_text("Ask a question")
    check(alone.url.startswith(base), "Esc on the first view goes home, not out of the page: " + alone.url)
    alone.close()

    page.goto(base + "?doc=no/such/document")
    expect(page.locator(".message.error h2")).to_have_text("No such document")
    check(True, "an unknown document shows an error that says what to do")

    page.goto(base + "?q=" + question.replace(" ", "+"))
    expect(hits.first).to_be_visible()
    page.screenshot(path=f"{shots}/serve-page.png")
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    phone.goto(base + "?q=" + question.replace(" ", "+"))
    expect(phone.locator(".hits .hit").first).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    check(width <= 390, f"the page fits a phone's width ({width} px)")
    phone.screenshot(path=f"{shots}/serve-page-phone.png")
    check(True, f"screenshots saved in {shots}")

    check(not problems, "no script errors: " + "; ".join(problems))
    browser.close()
