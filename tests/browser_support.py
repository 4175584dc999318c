"""Steps of the browser tests: logging in, and choosing in a picker as a person does (type part of the name,
wait for the list, pick)."""


def login(page, live_server, username: str, password: str = "mat-khau-1") -> None:
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/tong-quan/")


def pick(page, field_id: str, typed: str, option: str, *, keyboard: bool = False) -> None:
    """Type `typed` into the picker whose search box is `#field_id` and pick the list entry holding `option`
    (with the arrow keys and Enter when `keyboard`, else by a click)."""
    box = page.locator(f"#{field_id}")
    box.fill("")
    box.type(typed, delay=20)
    listbox = page.locator(f"#{field_id}-list")
    entry = listbox.locator("[role=option]", has_text=option)
    entry.first.wait_for()
    if keyboard:
        options = listbox.locator("[role=option]")
        index = next(i for i in range(options.count()) if option in options.nth(i).inner_text())
        for _ in range(index + 1):
            box.press("ArrowDown")
        box.press("Enter")
    else:
        entry.first.click()
