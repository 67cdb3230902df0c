"""Pictures as they arrive from phones and shared drives."""

from __future__ import annotations

import gc
import io
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader

from layout.build import build_issue
from layout.errors import IssueError
from layout.images import prepare, upright_size
from layout.proof import render_pages

from .test_other_issues import SMALL

COLUMN = 243.8  # points: a column's width


def photo_issue(write_issue: Callable[[str], Path], name: str, image: Image.Image,
                **save: object) -> Path:
    folder = write_issue(SMALL.replace("photo: team.jpg", f"photo: {name}"))
    image.save(folder / name, **save)
    return folder


def test_exif_rotation_is_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (400, 200), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # turned 90°: the picture is really 200 × 400
    image.save(tmp_path / "turned.jpg", exif=exif)
    assert upright_size(tmp_path / "turned.jpg") == (200, 400)
    prepared = prepare(tmp_path / "turned.jpg", 100, 200)
    assert prepared.data is not None
    assert Image.open(io.BytesIO(prepared.data)).size == (200, 400)


def test_cmyk_becomes_rgb_with_the_right_colours(tmp_path: Path) -> None:
    Image.new("CMYK", (300, 200), (255, 0, 0, 0)).save(tmp_path / "cyan.jpg")  # pure cyan
    prepared = prepare(tmp_path / "cyan.jpg", 100, 70)
    assert prepared.data is not None
    r, g, b = Image.open(io.BytesIO(prepared.data)).convert("RGB").getpixel((150, 100))
    assert r < 60 and g > 200 and b > 200


def test_transparency_is_never_black(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    image = Image.new("RGBA", (1200, 800), (0, 0, 0, 0))  # fully transparent
    image.paste((200, 30, 30, 255), (0, 0, 300, 800))  # a red stripe on the left
    folder = photo_issue(write_issue, "clear.png", image)
    pdf = build_issue(folder, tmp_path / "n.pdf").output
    page = render_pages(pdf, 72)[0]
    reader = PdfReader(pdf)
    assert reader.pages[0].images  # the picture is there
    dark = page.convert("L").point(lambda value: 255 if value < 30 else 0)
    assert ImageStat.Stat(dark).mean[0] / 255 < 0.02  # no black box where it is transparent


def test_a_huge_photo_is_downsampled_in_bounded_memory(tmp_path: Path) -> None:
    Image.new("L", (12000, 9000), 128).save(tmp_path / "huge.jpg", quality=50)
    script = textwrap.dedent(f"""
        import resource, io
        from pathlib import Path
        from PIL import Image, ImageStat
        from layout.images import prepare
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        picture = prepare(Path({str(tmp_path / "huge.jpg")!r}), {COLUMN}, {COLUMN * 0.75})
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(picture.width, picture.height, (after - before) // 1024)
        """)
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True).stdout.split()
    width, height, grown_mb = (int(v) for v in output)
    assert width <= 1100 and height <= 800  # 300 ppi at its size, not 12000 pixels
    assert grown_mb < 60  # the 108 MB picture was never decoded whole


def test_a_tiny_photo_is_reported(write_issue: Callable[[str], Path], tmp_path: Path) -> None:
    folder = photo_issue(write_issue, "tiny.jpg", Image.new("RGB", (80, 60), "green"))
    result = build_issue(folder, tmp_path / "n.pdf")
    assert any("tiny.jpg' prints at" in w.message and "blurred" in w.message
               for w in result.warnings)
    with pytest.raises(IssueError):
        build_issue(folder, tmp_path / "n.pdf", strict=True)


def test_a_truncated_picture_is_an_error(write_issue: Callable[[str], Path]) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "blue").save(buffer, "JPEG")
    folder = write_issue(SMALL)
    (folder / "team.jpg").write_bytes(buffer.getvalue()[:200])
    with pytest.raises(IssueError) as caught:
        build_issue(folder, folder / "n.pdf")
    assert "is not a readable picture" in caught.value.format_message()


def test_a_link_out_of_the_issue_is_refused(write_issue: Callable[[str], Path],
                                           tmp_path: Path) -> None:
    outside = tmp_path / "secret.jpg"
    Image.new("RGB", (800, 600), "red").save(outside)
    folder = write_issue(SMALL.replace("photo: team.jpg", "photo: linked.jpg"))
    (folder / "linked.jpg").symlink_to(outside)
    with pytest.raises(IssueError) as caught:
        build_issue(folder, tmp_path / "n.pdf")
    assert "points outside its folder" in caught.value.format_message()


def placed_pictures(path: Path) -> dict[str, bytes]:
    """The picture at ``path``, as it is, drawn by the canvas and by the
    ``Image`` flowable: the XObjects of the page, by name, with their raw bytes."""
    import pikepdf
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Image as Flowable

    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    prepared = prepare(path, 100, 125)
    assert prepared.data is None  # placed as it is
    flowable = Flowable(prepared.source, width=100, height=125, mask="auto")
    gc.collect()  # the flowable's copy of the reader outlives it (Python 3.13 took its file)
    flowable.drawOn(canvas, 200, 10)
    canvas.drawImage(prepared.reader, 10, 10, 100, 125, mask="auto")
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        return {str(name): image.read_raw_bytes()
                for name, image in pdf.pages[0].Resources.XObject.items()}


def test_a_picture_is_named_by_its_bytes_never_decoded(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """ReportLab names a picture by a digest of its file name when it gets one:
    the PDF would then depend on the folder. Two copies of a photo in two
    folders give the same PDF, and a JPEG placed as it is is never decoded."""
    from PIL import ImageFile

    from .conftest import ROOT

    photo = (ROOT / "assets" / "standins" / "portrait.jpg").read_bytes()
    copies = [tmp_path / "a" / "p.jpg", tmp_path / "a much longer name" / "photo copy.jpg"]
    for copy in copies:
        copy.parent.mkdir()
        copy.write_bytes(photo)
    decoded: list[object] = []
    load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load",
                        lambda self: decoded.append(self) or load(self))
    placed = [placed_pictures(copy) for copy in copies]
    assert decoded == []
    assert placed[0] == placed[1]
    assert list(placed[0].values()) == [photo]  # one XObject for both, the file as it is
