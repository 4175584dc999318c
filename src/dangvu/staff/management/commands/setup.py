"""`dangvu setup`: the first run of an installation, asked question by question or given as flags.

    dangvu setup                                   # asks for everything
    dangvu setup --no-input --username quantri --full-name "Nguyễn Văn A" \\
        --kind district --name "Đảng bộ thành phố Phủ Lý" --committee-name "Thành ủy Phủ Lý" \\
        --committee-code TU --province-name "Đảng bộ tỉnh Hà Nam" --province-committee-name "Tỉnh ủy Hà Nam"
    (the password from --password or the DANGVU_SETUP_PASSWORD environment variable)
"""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.errors import RuleViolation
from dangvu.core.web import parse_date
from dangvu.organizations import rules as org_rules
from dangvu.organizations.models import Kind, Sector
from dangvu.staff.setup import RootSpec, default_code, default_short, do_setup

KIND_CODES = ", ".join(f"{k} ({Kind(k).label})" for k in org_rules.ROOT_KINDS)
SECTOR_CODES = ", ".join(f"{value} ({label})" for value, label in Sector.choices)


class Command(BaseCommand):
    help = "Cài đặt lần đầu: tạo tổ chức gốc (và tỉnh cấp trên, nếu có) và tài khoản quản trị đầu tiên."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-input", action="store_true", help="Không hỏi; mọi giá trị lấy từ tham số.")
        parser.add_argument("--username", help="Tên đăng nhập của quản trị viên")
        parser.add_argument("--full-name", help="Họ và tên quản trị viên")
        parser.add_argument("--password", help="Mật khẩu (hoặc biến môi trường DANGVU_SETUP_PASSWORD)")
        parser.add_argument("--kind", help=f"Loại tổ chức gốc: {KIND_CODES}")
        parser.add_argument("--name", help="Tên tổ chức gốc, ví dụ Đảng bộ xã …")
        parser.add_argument("--committee-name", help="Tên cấp ủy ghi trên văn bản, ví dụ Đảng ủy xã …")
        parser.add_argument("--committee-short", help="Tên gọi tắt của cấp ủy (mặc định hai chữ đầu)")
        parser.add_argument("--committee-code", default=None, help="Ký hiệu cấp ủy trên số văn bản: TU, HU, ĐU, CB")
        parser.add_argument("--code", help="Mã tổ chức (mặc định lấy từ tên)")
        parser.add_argument("--place", default=None, help="Địa danh ghi trên văn bản")
        parser.add_argument("--sector", default=None, help=f"Lĩnh vực: {SECTOR_CODES}")
        parser.add_argument("--established-on", help="Ngày thành lập ngày/tháng/năm; bỏ trống nếu đã có từ trước")
        parser.add_argument("--province-name", help="Tên đảng bộ tỉnh cấp trên (nếu có)")
        parser.add_argument("--province-committee-name", help="Tên tỉnh ủy ghi trên văn bản")
        parser.add_argument("--province-code", help="Mã của tỉnh (mặc định lấy từ tên)")
        parser.add_argument("--province-committee-code", default="TU", help="Ký hiệu của tỉnh ủy (TU)")

    def handle(self, *args, **opts) -> None:
        self.interactive = not opts["no_input"]
        kind = self._ask(opts, "kind", f"Loại tổ chức gốc [{KIND_CODES}]", choices=org_rules.ROOT_KINDS)
        name = self._ask(opts, "name", "Tên tổ chức gốc (ví dụ: Đảng bộ xã …)")
        committee_name = self._ask(opts, "committee_name", "Tên cấp ủy ghi trên văn bản (ví dụ: Đảng ủy xã …)")
        root = RootSpec(
            kind=kind,
            name=name,
            committee_name=committee_name,
            committee_short=self._ask(
                opts, "committee_short", "Tên gọi tắt của cấp ủy", default=default_short(committee_name)
            ),
            committee_code=self._ask(
                opts, "committee_code", "Ký hiệu cấp ủy trên số văn bản (TU, HU, ĐU, CB)", default=""
            ),
            code=self._ask(opts, "code", "Mã tổ chức (chữ thường, không dấu)", default=default_code(name)),
            place=self._ask(opts, "place", "Địa danh ghi trên văn bản (ví dụ: Phủ Lý)", default=""),
            sector=self._ask(opts, "sector", f"Lĩnh vực [{SECTOR_CODES}]", default=Sector.OTHER, choices=Sector.values),
            established_on=self._date(
                opts, "established_on", "Ngày thành lập (ngày/tháng/năm; Enter nếu đã có từ trước khi dùng hệ thống)"
            ),
        )
        province = None
        if kind != Kind.PROVINCE:
            province_name = self._ask(
                opts, "province_name", "Tên đảng bộ tỉnh cấp trên (Enter nếu không có)", default=""
            )
            if province_name:
                province_committee = self._ask(opts, "province_committee_name", "Tên tỉnh ủy ghi trên văn bản")
                province = RootSpec(
                    kind=Kind.PROVINCE,
                    name=province_name,
                    committee_name=province_committee,
                    committee_code=opts["province_committee_code"] or "TU",
                    code=opts["province_code"] or default_code(province_name),
                )
        username = self._ask(opts, "username", "Tên đăng nhập của quản trị viên")
        full_name = self._ask(opts, "full_name", "Họ và tên quản trị viên")
        password = opts["password"] or os.environ.get("DANGVU_SETUP_PASSWORD", "")
        if not password and self.interactive:
            password = getpass.getpass("Mật khẩu: ")
            if getpass.getpass("Nhập lại mật khẩu: ") != password:
                raise CommandError("Hai lần nhập mật khẩu không giống nhau; chưa có gì được ghi.")
        try:
            user, org = do_setup(
                username=username, password=password, full_name=full_name, root=root, province=province
            )
        except RuleViolation as violation:
            raise CommandError(
                "Chưa cài đặt được; chưa có gì được ghi:\n"
                + "\n".join(f"  - {message}" for message in violation.messages)
            ) from violation
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã cài đặt: {org.name} (mã {org.code})"
                + (f", trực thuộc {org.parent.name}" if org.parent else "")
                + f". Quản trị viên '{user.username}' đăng nhập tại /dang-nhap/ để tạo người dùng và nhập cây tổ "
                "chức từ Excel (Tổ chức → Nhập từ Excel)."
            )
        )

    def _ask(self, opts, key, prompt, default=None, choices=None) -> str:
        value = opts.get(key)
        if value is None and self.interactive:
            shown = f" [{default}]" if default else ""
            while True:
                value = input(f"{prompt}{shown}: ").strip() or default
                if value is None:
                    self.stderr.write("  Cần nhập giá trị này.")
                    continue
                if choices and value not in choices:
                    self.stderr.write(f"  Chọn một trong: {', '.join(choices)}")
                    continue
                break
        if value is None:
            if default is not None:
                return default
            raise CommandError(f"Thiếu tham số --{key.replace('_', '-')} ({prompt}); chưa có gì được ghi.")
        return value

    def _date(self, opts, key, prompt):
        raw = opts.get(key)
        if raw is None and self.interactive:
            raw = input(f"{prompt}: ").strip()
        if not raw:
            return None
        day = parse_date(raw)
        if day is None:
            raise CommandError(f"Ngày '{raw}' không đúng dạng ngày/tháng/năm; chưa có gì được ghi.")
        return day
