"""Draw the demo company's logo (北京声通客服中心): a blue disc with a
headset and the short name, 360x120 PNG. Run once with the Odoo venv
(Pillow) and commit the image:
    .venv/bin/python scripts/demo_logo.py addons/crm_callcenter/static/img/company_logo_demo.png
"""
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"  # Debian fonts-noto-cjk
BLUE, WHITE = (22, 93, 171), (255, 255, 255)


def draw(path):
    image = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    pen.ellipse((8, 8, 112, 112), fill=BLUE)
    # headset: a band, two ear cups and a microphone arm
    pen.arc((30, 26, 90, 86), 180, 360, fill=WHITE, width=7)
    pen.rounded_rectangle((24, 52, 40, 80), 5, fill=WHITE)
    pen.rounded_rectangle((80, 52, 96, 80), 5, fill=WHITE)
    pen.arc((44, 60, 90, 96), 20, 110, fill=WHITE, width=4)
    pen.ellipse((46, 88, 58, 98), fill=WHITE)
    font = ImageFont.truetype(FONT, 44, index=2)  # index 2: Simplified Chinese
    pen.text((126, 12), "声通客服", font=font, fill=BLUE)
    small = ImageFont.truetype(FONT, 17, index=2)
    pen.text((128, 74), "SHENGTONG CALL CENTER", font=small, fill=(90, 90, 90))
    image.save(path, optimize=True)


if __name__ == "__main__":
    draw(sys.argv[1])
