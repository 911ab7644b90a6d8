package app.conversa.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTests {

    @Test
    void cellsASpreadsheetWouldRunAreQuoted() {
        assertThat(CsvCells.write("=HYPERLINK(\"http://evil.example\")")).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        assertThat(CsvCells.write("+593987654321")).isEqualTo("'+593987654321");
        assertThat(CsvCells.write("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.write("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.write("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvCells.write("\r=1")).isEqualTo("'\r=1");
    }

    @Test
    void otherCellsAndNonTextAreWrittenAsTheyAre() {
        assertThat(CsvCells.write("María José")).isEqualTo("María José");
        assertThat(CsvCells.write("'Chino' Pérez")).isEqualTo("'Chino' Pérez");
        assertThat(CsvCells.write("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.write(45)).isEqualTo(45);
        assertThat(CsvCells.write(null)).isNull();
    }

    @Test
    void importReadsBackExactlyWhatExportWrote() {
        for (String value : new String[] {"=1+2", "+593987654321", "-50.00", "@x", "\tx", "'=1", "''+1", "'Chino' Pérez",
                "'", "''", "plain", ""}) {
            assertThat(CsvCells.read((String) CsvCells.write(value))).as(value).isEqualTo(value);
        }
    }

    @Test
    void aQuoteBeforeAnythingButAFormulaCharacterIsKeptOnImport() {
        assertThat(CsvCells.read("'Chino' Pérez")).isEqualTo("'Chino' Pérez");
        assertThat(CsvCells.read("'+593987654321")).isEqualTo("+593987654321");
        assertThat(CsvCells.read("+593987654321")).as("a file written by hand").isEqualTo("+593987654321");
        assertThat(CsvCells.read(null)).isNull();
    }
}
