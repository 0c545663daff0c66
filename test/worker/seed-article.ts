/**
 * What the seed article must look like in every feed, written out by hand from the scraped
 * story rather than taken from the code, so the feed tests can fail.
 */
export const SEED = {
  title: "व्हाट्सएप ने कहा- जासूसी मामले में की कड़ी कार्रवाई, भारत सरकार के रुख का करते हैं समर्थन",
  byline: "डिजिटल डेस्क",
  /** The page of the desk the byline names in content/authors.yaml. */
  authorPage: "http://localhost:8787/authors/digital-desk",
  /** The desk's avatar: a 512 px square PNG made from the site icon, in the media bucket. */
  authorAvatar: /^http:\/\/localhost:8787\/media\/[0-9a-f]{24}-512x512\.png$/,
  tags: ["व्हाट्सएप", "पेगासस", "जासूसी", "NSO ग्रुप", "निजता", "साइबर सुरक्षा"],
  rfc822: "Fri, 01 Nov 2019 19:18:00 +0530",
  rfc3339: "2019-11-01T19:18:00+05:30",
  id: "tag:patrika.example,2019:articles/whatsapp-pegasus-spying-action",
  url: "http://localhost:8787/articles/whatsapp-pegasus-spying-action",
  /** The opening and closing words of each of the six body paragraphs, in order. */
  paragraphs: [
    ["डिजिटल डेस्क, नई दिल्ली। एक्टिविस्ट और जर्नलिस्ट", "इस्तेमाल किया जा रहा था।"],
    ["इससे पहले गुरुवार को फेसबुक", "प्रतिक्रिया देने को कहा गया है।"],
    ["व्हाट्सएप के एक प्रवक्ता ने पीटीआई से कहा", "अपनी प्रतिक्रिया दी है।"],
    ["व्हाट्सएप ने कहा था कि वह NSO ग्रुप पर मुकदमा", "को निशाना बनाया गया।"],
    ["NSO ग्रुप ने व्हाट्सएप के आरोपों से इनकार किया", 'लाइसेंस नहीं दिया गया है।"'],
    ["बता दें कि\u00a0वाट्सएप (WhatsApp) ने बताया था", "इसे ब्लॉक कर दिया।"],
  ],
  /**
   * Its lead illustration (content/media/2019/whatsapp-pegasus.jpg, 1600×900) and the site's icon
   * (1024×1024) and logo (780×300): media URLs whose names carry the size of each rendition.
   */
  media: {
    alt: "ग्राफ़िक: चैट वाले मोबाइल फ़ोन की स्क्रीन पर नज़र रखती लाल आंख, साथ में शीर्षक 'व्हाट्सएप जासूसी मामला'",
    credit: "पत्रिका ग्राफ़िक्स",
    large: /^http:\/\/localhost:8787\/media\/[0-9a-f]{24}-1600x900\.jpeg$/,
    small: /^http:\/\/localhost:8787\/media\/[0-9a-f]{24}-400x225\.jpeg$/,
    icon: (edge: number) => new RegExp(`^http://localhost:8787/media/[0-9a-f]{24}-${edge}x${edge}\\.png$`),
    logo: /^http:\/\/localhost:8787\/media\/[0-9a-f]{24}-780x300\.png$/,
  },
  /** Page furniture from the scrape that must never reach a feed. */
  furniture: ["Created On", "IST", "Tags", "और पढ़ें", "कम पढ़ें", "Next Story"],
} as const;
