"""OCR of a table whose date column wrapped each date at its year: the year goes back to its row."""

from __future__ import annotations

from casewise_extractor.reading.cut_dates import join_cut_dates


def test_year_on_its_own_line_after_a_blank_goes_back_to_its_row() -> None:
    text = "11/02/ | Lung core | ALK (D5F3) | NEGATIVE\n\n2021\n\n02/09/ | Pleura | ALK | POSITIVE\n\n2024"
    assert join_cut_dates(text) == (
        "11/02/2021 | Lung core | ALK (D5F3) | NEGATIVE\n\n02/09/2024 | Pleura | ALK | POSITIVE"
    )


def test_year_before_the_other_cells_wrapped_ends_leaves_them_on_their_line() -> None:
    text = "07/30/ | Colon resection (St Ann's | MLH1 IHC | lost\n2022 Pathology)"
    assert join_cut_dates(text) == "07/30/2022 | Colon resection (St Ann's | MLH1 IHC | lost\nPathology)"


def test_year_cut_inside_its_digits() -> None:
    assert join_cut_dates("04/202 | Blood | BRCA2 | negative\n3 Genomics)") == (
        "04/2023 | Blood | BRCA2 | negative\nGenomics)"
    )


def test_lines_that_are_not_a_cut_date_stay() -> None:
    for text in (
        "05/14/2019 | Breast core | PR | 40%\n2019 was the first biopsy",
        "Ratio 3/4 cores involved\n2020 review",
        "1/2 | tablet\n\n\n2024",
        "12/03/ | Marrow | JAK2 | negative\nTotal: 5 results",
    ):
        assert join_cut_dates(text) == text
