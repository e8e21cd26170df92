import { defineMessages } from '../../i18n/messages.js';

/** The print dialog's words (PrintPanel): where the certificates go. */
export const printMessages = defineMessages({
  vi: {
    toPrinter: 'Ra máy in',
    toPdf: 'Ra tệp PDF',
    systemPrinter: 'Máy in',
    noSystemPrinter: 'Máy tính chưa có máy in nào. Hãy cài máy in, hoặc in ra tệp PDF.',
    calibrated: 'đã căn chỉnh',
    notCalibrated: 'chưa căn chỉnh',
    showDialog: 'Mở hộp thoại in của máy tính (chọn khay giấy, số bản…)',
    sendToPrinter: 'Gửi ra máy in',
    downloadToPrint: 'Tải PDF để in',
    webNote: 'Bản chạy trên trình duyệt không gửi thẳng ra máy in: tải tệp PDF rồi in tệp đó (chọn "Kích thước thực tế", không co giãn).',
    sent: 'Đã gửi {n} giấy khen tới máy in {printer}.',
    problem: 'Máy in đang báo: {problem}',
    perCertificate: 'Mỗi giấy khen một tệp PDF (gói trong một tệp .zip, để gửi từng người qua Zalo, thư điện tử)',
    downloadZip: 'Tải các tệp PDF (.zip)',
    zipped: 'Đã tạo {n} tệp PDF, mỗi giấy khen một tệp, trong tệp .zip vừa tải về.',
  },
  en: {
    toPrinter: 'To a printer',
    toPdf: 'To a PDF file',
    systemPrinter: 'Printer',
    noSystemPrinter: 'This computer has no printer. Install one, or print to a PDF file.',
    calibrated: 'calibrated',
    notCalibrated: 'not calibrated',
    showDialog: 'Open the system print dialog (tray, copies…)',
    sendToPrinter: 'Send to printer',
    downloadToPrint: 'Download PDF to print',
    webNote: 'The browser version cannot send to a printer directly: download the PDF and print it (choose "Actual size", no scaling).',
    sent: '{n} certificates sent to printer {printer}.',
    problem: 'The printer reports: {problem}',
    perCertificate: 'One PDF file per certificate (in one .zip file, to send each person theirs by Zalo or e-mail)',
    downloadZip: 'Download the PDF files (.zip)',
    zipped: '{n} PDF files made, one per certificate, in the .zip just downloaded.',
  },
});
