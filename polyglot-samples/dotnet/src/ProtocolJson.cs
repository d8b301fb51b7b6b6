// JSON for the adapter and the tests, through JsonReaderWriterFactory's XML mapping
// (System.Runtime.Serialization.Json: in Mono and in the .NET SDK alike).

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Issuetrak.Harness
{
    /// <summary>The JSON of the protocol, through JsonReaderWriterFactory's XML mapping.</summary>
    internal static class ProtocolJson
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

        internal static XElement Parse(string line)
        {
            byte[] bytes = Utf8NoBom.GetBytes(line);
            using (XmlDictionaryReader reader = JsonReaderWriterFactory.CreateJsonReader(bytes, XmlDictionaryReaderQuotas.Max))
            {
                reader.MoveToContent();
                XElement root = ReadElement(reader);
                if ((string)root.Attribute("type") != "object") throw new FormatException("a command must be a JSON object");
                return root;
            }
        }

        /// <summary>
        /// One element and its content. Not XElement.Load: the JSON reader yields one text node per
        /// escape in a string, and Mono's XElement.Load joins them by repeated concatenation, which
        /// is quadratic (45 s for a 1 MiB body with 70,000 line feeds). Here they go into one
        /// StringBuilder.
        /// </summary>
        private static XElement ReadElement(XmlReader reader)
        {
            var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
            if (reader.MoveToFirstAttribute())
            {
                do
                {
                    element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                }
                while (reader.MoveToNextAttribute());
                reader.MoveToElement();
            }
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return element;
            }
            reader.Read();
            var text = new StringBuilder();
            bool hasText = false;
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        element.Add(ReadElement(reader));
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        text.Append(reader.Value);
                        hasText = true;
                        reader.Read();
                        break;
                    case XmlNodeType.None:
                        throw new FormatException("the JSON ended inside a value");
                    default:
                        reader.Read();
                        break;
                }
            }
            if (hasText)
            {
                element.Add(new XText(text.ToString()));
            }
            reader.Read();
            return element;
        }

        internal static byte[] Serialize(XElement root)
        {
            using (var buffer = new MemoryStream())
            {
                using (XmlDictionaryWriter writer = JsonReaderWriterFactory.CreateJsonWriter(buffer, Utf8NoBom, false))
                {
                    root.WriteTo(writer);
                }
                return buffer.ToArray();
            }
        }

        /// <summary>A string member's value, or null when absent or JSON null.</summary>
        internal static string Optional(XElement parent, string name)
        {
            XElement e = parent.Element(name);
            return e == null || (string)e.Attribute("type") == "null" ? null : e.Value;
        }

        internal static string Required(XElement parent, string name)
        {
            string value = Optional(parent, name);
            if (value == null) throw new ArgumentException("the command has no " + name);
            return value;
        }

        internal static XElement Result(long seq, params XElement[] members)
        {
            return Answer(seq, Object("result", members));
        }

        internal static XElement Skipped(long seq, string reason)
        {
            return Answer(seq, Object("skipped", new[] { String("reason", reason) }));
        }

        internal static XElement Errored(long seq, string message, string stderr)
        {
            return Answer(seq, Object("errored", new[] { String("message", message), String("stderr", stderr) }));
        }

        private static XElement Answer(long seq, XElement outcome)
        {
            return Object("root", new[] { Number("seq", seq), outcome });
        }

        internal static XElement String(string name, string value)
        {
            return new XElement(name, new XAttribute("type", "string"), value);
        }

        internal static XElement Number(string name, long value)
        {
            return new XElement(name, new XAttribute("type", "number"), value.ToString(CultureInfo.InvariantCulture));
        }

        internal static XElement Object(string name, IEnumerable<XElement> members)
        {
            return new XElement(name, new XAttribute("type", "object"), members);
        }

        internal static XElement Array(string name, IEnumerable<XElement> items)
        {
            return new XElement(name, new XAttribute("type", "array"), items);
        }
    }
}
