"""Excel import and export of members (nhập, xuất danh sách đảng viên bằng Excel).

- `columns`: the Vietnamese headers and what each column holds;
- `cells`: reading a cell into a value, writing text that never becomes a formula;
- `reader`: opening an upload and finding its sheet, headers and rows (file-level errors);
- `importer`: checking every row, then writing all or nothing;
- `jobs`: the stored upload, its progress record and result;
- `workbooks`: the template, the export and the error copy.
"""
